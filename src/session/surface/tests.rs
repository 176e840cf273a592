use super::*;
use crate::math::quantity::Quantity;

const RAVINE: &str = include_str!("../../../scenarios/surfaces/ravine-kappa-50.json");
const SADDLE: &str = include_str!("../../../scenarios/surfaces/saddle-adam.json");

fn session(json: &str) -> Session {
    Session::from_json(json).expect("a surface lesson")
}

/// The race straight from the scenario, n updates (`SurfaceRace::run`, itself tested against
/// the closed forms in training/surface_race/tests.rs): the reference the session must equal.
fn straight(json: &str, n: u64) -> SurfaceRace {
    let s = Scenario::from_json(json).unwrap();
    let l = s.surface.unwrap();
    let mut race = SurfaceRace::new(l.surface, l.start, &s.race);
    race.run(n).unwrap();
    race
}

#[test]
fn steps_forward_and_back_give_the_straight_runs_bits() {
    for json in [RAVINE, SADDLE] {
        let mut s = session(json);
        for _ in 0..30 {
            s.apply(Command::NextStep).unwrap();
        }
        assert_eq!(s.surface().unwrap().race, straight(json, 30));
        for _ in 0..12 {
            assert_eq!(s.apply(Command::StepBack), Ok(Done::SteppedBack(true)));
        }
        assert_eq!(s.surface().unwrap().race, straight(json, 18));
        assert_eq!(s.epochs_done(), 18);
        // and forward again from there: the same as 25 straight
        s.apply(Command::TrainEpochs(7)).unwrap();
        assert_eq!(s.surface().unwrap().race, straight(json, 25));
        assert!(s.step_back());
        assert_eq!(s.surface().unwrap().race, straight(json, 24));
    }
}

#[test]
fn stepping_back_to_the_start_and_past_it() {
    let mut s = session(SADDLE);
    s.apply(Command::NextStep).unwrap();
    assert!(s.step_back());
    assert_eq!(s.surface().unwrap().race, straight(SADDLE, 0));
    assert_eq!(s.apply(Command::StepBack), Ok(Done::SteppedBack(false)));
}

#[test]
fn a_racer_stopped_is_restarted_by_a_step_back() {
    // SGD at α = 2 on the ravine: 1 − 50·2 = −99 a step across it, off the plot at once
    let mut s = session(RAVINE);
    let sgd = OptimizerSettings::Sgd { learning_rate: 2.0 };
    s.apply(Command::SetSettings(sgd)).unwrap();
    s.apply(Command::NextStep).unwrap();
    let racer = |s: &Session| s.surface().unwrap().race.racers[0].clone();
    assert_eq!(
        racer(&s).stopped.map(|x| x.reason),
        Some(StopReason::LeftPlot)
    );
    s.apply(Command::StepBack).unwrap();
    assert_eq!(racer(&s).stopped, None);
    assert_eq!(racer(&s).path, vec![[-2.5, 1.0]]);
}

#[test]
fn reset_goes_back_to_the_start_keeping_the_settings_now() {
    let mut s = session(RAVINE);
    s.apply(Command::TrainEpochs(40)).unwrap();
    let sgd = OptimizerSettings::Sgd {
        learning_rate: 0.01,
    };
    s.apply(Command::SetSettings(sgd)).unwrap();
    s.apply(Command::Reset).unwrap();
    let run = s.surface().unwrap();
    assert_eq!(run.race.steps, 0);
    assert!(!run.can_step_back());
    for r in &run.race.racers {
        assert_eq!(r.path, vec![[-2.5, 1.0]]);
    }
    assert_eq!(run.race.racers[0].optimizer.settings, sgd);
}

#[test]
fn a_live_change_is_replayed_after_a_reload() {
    let mut s = session(RAVINE);
    s.apply(Command::TrainEpochs(10)).unwrap();
    let adam = OptimizerSettings::Adam {
        learning_rate: 0.3,
        beta1: 0.5,
        beta2: 0.9,
        epsilon: 1e-8,
    };
    s.apply(Command::SetSettings(adam)).unwrap();
    s.apply(Command::TrainEpochs(15)).unwrap();
    let saved = SavedRun::from_json(&s.saved().to_json()).unwrap();
    assert_eq!(saved.batches, 25);
    let mut back = Session::resume(saved).unwrap();
    while !back.catch_up(4) {}
    assert_eq!(back.surface().unwrap().race, s.surface().unwrap().race);
}

#[test]
fn the_updates_stop_at_the_cap() {
    let mut s = session(SADDLE);
    let asked = MAX_SURFACE_STEPS + 1;
    let e = s.apply(Command::TrainEpochs(asked)).unwrap_err();
    assert!(e.to_string().contains("10000 updates"), "{e}");
    assert_eq!(s.epochs_done(), 0);
    assert!(s.room_for(MAX_SURFACE_STEPS).is_ok());
    assert!(s.room_for(asked).is_err());
}

#[test]
fn network_calls_are_refused_by_name() {
    let mut s = session(RAVINE);
    let e = s.matrix(Quantity::W, 1).unwrap_err();
    assert!(matches!(e, SessionError::NotOnSurface("matrix()")), "{e}");
    assert!(e.to_string().contains("test surface"));
    assert!(s.predict_grid(8, OptimizerKind::Sgd).is_err());
    assert!(s.predict_points(&[0.0, 0.0], OptimizerKind::Sgd).is_err());
    assert!(s.apply(Command::RunPhase(Phase::Forward)).is_err());
    assert!(s.lesson_scenario(&[0]).is_err());
    let edit = Command::EditParameter {
        layer: 1,
        bias: false,
        row: 0,
        col: 0,
        value: 1.0,
    };
    assert!(s.apply(edit).is_err());
    // the update is the one phase a surface has
    let done = s.apply(Command::RunPhase(Phase::Update)).unwrap();
    assert_eq!(done, Done::Step(UPDATE));
    assert_eq!(s.upcoming(), UPDATE);
    assert_eq!(s.step(), 1);
}

#[test]
fn the_loss_history_is_f_after_each_update() {
    let mut s = session(SADDLE);
    s.apply(Command::TrainEpochs(3)).unwrap();
    let race = straight(SADDLE, 3);
    let h = s.loss_history(OptimizerKind::Adam);
    assert_eq!(h, race.racer(OptimizerKind::Adam).unwrap().losses[1..]);
    assert_eq!(h.len(), 3);
    assert!(s.test_loss_history(OptimizerKind::Adam).is_empty());
}

#[test]
fn the_landscape_is_the_races_and_only_resolution_applies() {
    let mut s = session(RAVINE);
    s.apply(Command::TrainEpochs(5)).unwrap();
    let options = LandscapeOptions {
        resolution: 9,
        ..LandscapeOptions::default()
    };
    let l = s.landscape(&options).unwrap();
    let want = straight(RAVINE, 5).landscape(9).unwrap();
    assert_eq!(
        (l.a, l.b, l.cost, l.paths),
        (want.a, want.b, want.cost, want.paths)
    );
    let random = LandscapeOptions {
        plane: PlaneKind::Random,
        ..options
    };
    assert!(matches!(
        s.landscape(&random),
        Err(SessionError::NotOnSurface(_))
    ));
}

#[test]
fn a_new_start_inside_the_square_restarts_there() {
    let s = session(RAVINE);
    let moved = s.with_surface_start([1.0, -2.0]).unwrap();
    assert_eq!(moved.surface.unwrap().start, [1.0, -2.0]);
    // the bowl's square is [−3, 3]²
    let e = s.with_surface_start([3.5, 0.0]).unwrap_err();
    assert!(e.to_string().contains("surface.start"), "{e}");
    let net = Session::new(Scenario::default());
    assert!(net.with_surface_start([0.0, 0.0]).is_err());
}

#[test]
fn another_function_starts_from_its_start_with_its_defaults() {
    let s = session(RAVINE);
    let next = s.with_surface(Surface::Rosenbrock);
    let lesson = next.surface.unwrap();
    // Rosenbrock's classic start (−1.2, 1); SGD's α there is 0.001 (surface_race/defaults.rs)
    assert_eq!(lesson.start, [-1.2, 1.0]);
    assert_eq!(
        next.race[0],
        OptimizerSettings::Sgd {
            learning_rate: 0.001
        }
    );
    // the ravine's explanation is not Rosenbrock's
    assert!(s.base().view.contains_key("explanation"));
    assert!(!next.view.contains_key("explanation") && !next.view.contains_key("title"));
    let on = Session::new(next);
    assert_eq!(
        on.default_settings(OptimizerKind::Sgd),
        OptimizerSettings::Sgd {
            learning_rate: 0.001
        }
    );
    let net = Session::new(Scenario::default());
    assert_eq!(
        net.default_settings(OptimizerKind::Sgd),
        OptimizerKind::Sgd.defaults()
    );
}
