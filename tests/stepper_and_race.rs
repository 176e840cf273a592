//! The stepper against the whole passes (bit for bit), seeds, and the race's lockstep.

use backprop_playground::math::network::Network;
use backprop_playground::math::optimizer::OptimizerKind;
use backprop_playground::scenario::Scenario;
use backprop_playground::training::phase::Phase;
use backprop_playground::training::stepper::SubStep;

fn small() -> Scenario {
    Scenario {
        layers: vec![2, 5, 4, 1],
        batch_size: 7,
        epochs: 3,
        ..Scenario::default()
    }
}

#[test]
fn sub_steps_come_in_the_order_of_the_seed_notes() {
    let mut st = small().stepper();
    let order: Vec<SubStep> = (0..8).map(|_| st.next_step()).collect();
    let f = |l| SubStep {
        phase: Phase::Forward,
        layer: Some(l),
    };
    let b = |l| SubStep {
        phase: Phase::Backward,
        layer: Some(l),
    };
    let want = vec![
        f(1),
        f(2),
        f(3),
        SubStep {
            phase: Phase::Cost,
            layer: None,
        },
        b(3),
        b(2),
        b(1),
        SubStep {
            phase: Phase::Update,
            layer: None,
        },
    ];
    assert_eq!(order, want);
    assert_eq!(st.next_step(), f(1));
}

#[test]
fn the_stepper_equals_the_whole_passes_bit_for_bit() {
    let s = small();
    let mut st = s.stepper();
    for _ in 0..3 {
        // the whole passes on the same batch with the same parameters, computed beside it
        let net: Network = st.race.racers[st.focus].network.clone();
        let mut peek = st.race.clone();
        let batch = peek.next_batch();
        let cache = net.forward(batch.x.view());
        let grads = net.backward(&cache, batch.y.view());
        // partial state is readable after each sub-step
        st.next_step();
        assert_eq!(st.progress.as_ref().unwrap().cache.layers.len(), 1);
        assert_eq!(
            st.progress.as_ref().unwrap().cache.layers[0],
            cache.layers[0]
        );
        st.run_phase(Phase::Forward);
        st.run_phase(Phase::Backward);
        let p = st.progress.as_ref().unwrap();
        assert_eq!(p.batch.x, batch.x);
        assert_eq!(p.cache, cache);
        assert_eq!(p.cost, Some(net.cost_of(&cache, batch.y.view())));
        for (mine, whole) in p.grads.iter().zip(&grads.layers) {
            assert_eq!(mine.as_ref().unwrap(), whole);
        }
        st.run_phase(Phase::Update);
    }
}

#[test]
fn stepping_and_training_whole_epochs_give_the_same_race() {
    let s = small();
    let mut stepped = s.stepper();
    let batches = stepped.race.schedule.batches_per_epoch();
    for _ in 0..batches * 2 {
        stepped.run_phase(Phase::Update);
    }
    let mut trained = s.stepper();
    trained.train_epochs(2);
    assert_eq!(stepped.race.epochs_done(), 2);
    for (a, b) in stepped.race.racers.iter().zip(&trained.race.racers) {
        assert_eq!(a.network, b.network);
        assert_eq!(a.optimizer, b.optimizer);
        assert_eq!(a.history, b.history);
    }
    // mid-step, train_epochs finishes the step and the epoch under way counts as the first
    let mut mid = s.stepper();
    mid.run_phase(Phase::Forward);
    mid.train_epochs(2);
    assert_eq!(mid.race.epochs_done(), 2);
    assert_eq!(mid.race.racers[3].network, trained.race.racers[3].network);
}

#[test]
fn the_race_starts_together_and_sees_the_same_batches() {
    let s = small();
    let st = s.stepper();
    let start = &st.race.racers[0].network;
    for r in &st.race.racers {
        assert_eq!(&r.network, start);
    }
    let kinds: Vec<_> = st.race.racers.iter().map(|r| r.kind()).collect();
    assert_eq!(kinds, OptimizerKind::ALL.to_vec());
    assert_eq!(st.focus, 3, "the default scenario focuses on Adam");

    // each racer's run equals a single-racer run of its own kind on the same batches
    let mut race = s.stepper();
    race.train_epochs(2);
    for (i, settings) in s.race.iter().enumerate() {
        let mut alone = s.race_of(&[*settings]);
        alone.train_epochs(2);
        assert_eq!(
            alone.racers[0].network,
            race.race.racers[i].network,
            "{:?}",
            settings.kind()
        );
        assert_eq!(alone.racers[0].history, race.race.racers[i].history);
    }
    // and they differ from one another
    assert_ne!(race.race.racers[0].network, race.race.racers[3].network);
}

#[test]
fn same_seed_same_numbers_other_seed_other_numbers() {
    let s = small();
    let run = |s: &Scenario| {
        let mut st = s.stepper();
        st.train_epochs(2);
        st.race
            .racers
            .iter()
            .map(|r| r.history.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(run(&s), run(&s));
    let mut other = s.clone();
    other.shuffle_seed = 99;
    assert_ne!(run(&s), run(&other));
}

#[test]
fn focus_follows_another_racer_without_breaking_lockstep() {
    let s = small();
    let mut st = s.stepper();
    st.run_phase(Phase::Forward);
    st.set_focus(0);
    assert!(!st.mid_step(), "changing focus finishes the step under way");
    let mut together = s.stepper();
    together.run_phase(Phase::Update);
    for (a, b) in st.race.racers.iter().zip(&together.race.racers) {
        assert_eq!(a.network, b.network);
    }
}

#[test]
fn a_diverging_racer_stops_and_the_others_go_on() {
    // linear regression on the plane data set with SGD α = 1000: every step overshoots by
    // a growing factor until the numbers overflow
    let text = r#"{"layers": [2, 3, 1], "activations": ["linear", "linear"], "cost": "mse",
        "data": {"dataset": "plane", "samples": 100}, "batch_size": 10,
        "race": [{"kind": "sgd", "learning_rate": 1000}], "epochs": 3}"#;
    let s = Scenario::from_json(text).unwrap();
    let mut st = s.stepper();
    st.train_epochs(3);
    let sgd = &st.race.racers[0];
    let d = sgd.diverged.as_ref().expect("SGD with α = 1000 diverges");
    assert_eq!(d.epoch, 1);
    assert!(sgd.history.len() < 3);
    for r in &st.race.racers[1..] {
        assert!(r.diverged.is_none());
        assert_eq!(r.history.len(), 3);
        assert!(r.network.is_finite());
    }
}
