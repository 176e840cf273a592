use super::*;

#[test]
fn each_sub_step_names_what_it_reads_and_writes() {
    let f2 = SubStep {
        phase: Phase::Forward,
        layer: Some(2),
    };
    assert_eq!(
        f2.touches(3),
        (
            vec![(Q::W, 2), (Q::B, 2), (Q::A, 1)],
            vec![(Q::Z, 2), (Q::A, 2)]
        )
    );
    let out = SubStep {
        phase: Phase::Backward,
        layer: Some(3),
    };
    let (reads, writes) = out.touches(3);
    assert!(reads.contains(&(Q::Y, 0)) && reads.contains(&(Q::A, 2)));
    assert_eq!(writes, vec![(Q::Delta, 3), (Q::DW, 3), (Q::Db, 3)]);
    let hidden = SubStep {
        phase: Phase::Backward,
        layer: Some(1),
    };
    let (reads, _) = hidden.touches(3);
    assert_eq!(reads, vec![(Q::W, 2), (Q::Delta, 2), (Q::Z, 1), (Q::A, 0)]);
    let up = SubStep {
        phase: Phase::Update,
        layer: None,
    };
    assert_eq!(up.touches(2).1.len(), 8);
    let cost = SubStep {
        phase: Phase::Cost,
        layer: None,
    };
    assert_eq!(cost.touches(2).1, vec![(Q::Cost, 0)]);
}
