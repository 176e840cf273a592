//! The networks really learn: the default scenario, and each data set with a net that fits it.

use backprop_playground::scenario::Scenario;

/// The first epoch whose test accuracy reaches `goal`, training the scenario's optimizer.
fn first_epoch_reaching(s: &Scenario, goal: f64) -> Option<usize> {
    let mut race = s.race_of(&[s.optimizer]);
    race.train_epochs(s.epochs);
    race.racers[0]
        .history
        .iter()
        .find(|r| r.test_accuracy.unwrap() >= goal)
        .map(|r| r.epoch)
}

#[test]
fn the_default_spiral_reaches_90_percent_test_accuracy_within_300_epochs() {
    let s = Scenario::default();
    assert_eq!(s.epochs, 300);
    let epoch = first_epoch_reaching(&s, 0.9);
    assert!(
        epoch.is_some(),
        "the default scenario never reached 90% test accuracy"
    );
    let mut race = s.race_of(&[s.optimizer]);
    race.train_epochs(300);
    let last = race.racers[0].history.last().unwrap();
    assert!(last.test_accuracy.unwrap() >= 0.9, "{last:?}");
}

fn scenario(dataset: &str, layers: &str, activations: &str, cost: &str, epochs: usize) -> Scenario {
    Scenario::from_json(&format!(
        r#"{{"layers": {layers}, "activations": {activations}, "cost": "{cost}",
            "data": {{"dataset": "{dataset}", "samples": 300, "noise": 0.05, "seed": 3}},
            "init": {{"seed": 2}}, "batch_size": 16, "epochs": {epochs}}}"#
    ))
    .unwrap()
}

#[test]
fn each_classification_data_set_is_learnable() {
    let cases = [
        scenario("circle", "[2, 6, 1]", r#"["tanh", "sigmoid"]"#, "bce", 100),
        scenario("xor", "[2, 6, 1]", r#"["tanh", "sigmoid"]"#, "bce", 100),
        scenario("gaussian", "[2, 1]", r#"["sigmoid"]"#, "bce", 50),
        scenario("moons", "[2, 8, 1]", r#"["tanh", "sigmoid"]"#, "bce", 100),
        scenario(
            "spiral",
            "[2, 12, 12, 2]",
            r#"["tanh", "tanh", "softmax"]"#,
            "cross_entropy",
            300,
        ),
        scenario(
            "spiral3",
            "[2, 16, 16, 3]",
            r#"["tanh", "tanh", "softmax"]"#,
            "cross_entropy",
            300,
        ),
        scenario("blobs3", "[2, 3]", r#"["softmax"]"#, "cross_entropy", 50),
    ];
    for s in &cases {
        let name = match &s.data {
            backprop_playground::scenario::Data::Generated(g) => g.dataset.name(),
            _ => unreachable!(),
        };
        assert!(
            first_epoch_reaching(s, 0.9).is_some(),
            "{name} never reached 90% test accuracy"
        );
    }
}

#[test]
fn each_regression_data_set_is_learnable() {
    for (name, layers, acts) in [
        ("plane", "[2, 1]", r#"["linear"]"#),
        ("sine", "[2, 12, 12, 1]", r#"["tanh", "tanh", "linear"]"#),
    ] {
        let s = scenario(name, layers, acts, "mse", 200);
        let mut race = s.race_of(&[s.optimizer]);
        let before = backprop_playground::training::race::evaluate(
            &race.racers[0].network,
            race.data.test.as_ref().unwrap(),
        )
        .0;
        race.train_epochs(s.epochs);
        let after = race.racers[0].history.last().unwrap().test_loss.unwrap();
        // the targets' noise alone costs ½·0.05² ≈ 0.00125 per example
        assert!(
            after < 0.02 && after < before / 5.0,
            "{name}: test loss {before} → {after}"
        );
    }
}
