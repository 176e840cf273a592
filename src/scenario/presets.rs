//! The lesson presets: scenario files in `scenarios/lessons/` (and the two surface lessons of
//! `scenarios/surfaces/`), each showing one phenomenon,
//! with a title and a two-line explanation in its `view`.

/// (id, scenario JSON), in the order the page lists them.
pub const PRESETS: &[(&str, &str)] = &[
    (
        "forward-backward-2-3-1",
        include_str!("../../scenarios/lessons/forward-backward-2-3-1.json"),
    ),
    (
        "momentum-overshoot",
        include_str!("../../scenarios/lessons/momentum-overshoot.json"),
    ),
    (
        "zero-init",
        include_str!("../../scenarios/lessons/zero-init.json"),
    ),
    (
        "saturated-sigmoid",
        include_str!("../../scenarios/lessons/saturated-sigmoid.json"),
    ),
    (
        "badly-scaled-inputs",
        include_str!("../../scenarios/lessons/badly-scaled-inputs.json"),
    ),
    (
        "softmax-three-classes",
        include_str!("../../scenarios/lessons/softmax-three-classes.json"),
    ),
    (
        "diverging-learning-rate",
        include_str!("../../scenarios/lessons/diverging-learning-rate.json"),
    ),
    (
        "overfitting-l2",
        include_str!("../../scenarios/lessons/overfitting-l2.json"),
    ),
    // surface lessons (scenarios/surfaces/): the page shows the test function instead
    (
        "ravine-kappa-50",
        include_str!("../../scenarios/surfaces/ravine-kappa-50.json"),
    ),
    (
        "saddle-adam",
        include_str!("../../scenarios/surfaces/saddle-adam.json"),
    ),
];

/// The title a preset shows (its `view.title`).
pub fn title(json: &str) -> String {
    crate::json::from_str(json)
        .ok()
        .and_then(|v| v.get("view")?.get("title")?.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    #[test]
    fn every_preset_reads_and_has_a_title_and_an_explanation() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/");
        let mut files: Vec<String> = ["lessons", "surfaces"]
            .into_iter()
            .flat_map(|d| std::fs::read_dir(format!("{root}{d}")).unwrap())
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        files.sort();
        let mut ids: Vec<String> = PRESETS.iter().map(|(id, _)| format!("{id}.json")).collect();
        ids.sort();
        assert_eq!(
            ids, files,
            "every file of scenarios/lessons and scenarios/surfaces is a preset, by its name"
        );
        for (id, json) in PRESETS {
            let s = Scenario::from_json(json).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert!(!title(json).is_empty(), "{id}");
            assert!(
                s.view
                    .get("explanation")
                    .and_then(|e| e.as_str())
                    .is_some_and(|e| !e.is_empty()),
                "{id}"
            );
        }
    }
}
