use super::*;

/// Asks a URL link for `json` and returns its use (there must be one).
fn url(links: &mut UrlLinks, json: &str) -> LinkUse {
    links.ask_url(json).expect("a new lesson asks for a link")
}

/// Answers `then` with the fragment "s=<json>" and writes it when told to; whether it was.
fn answer(links: &mut UrlLinks, json: &str, then: LinkUse) -> bool {
    let fragment = format!("s={json}");
    let write = links.answered(json.to_string(), &fragment, then);
    if write {
        links.wrote(fragment);
    }
    write
}

#[test]
fn only_the_newest_url_link_is_written_whatever_the_order_of_the_answers() {
    let mut links = UrlLinks::default();
    let (a, b) = (url(&mut links, "A"), url(&mut links, "B"));
    assert!(answer(&mut links, "B", b));
    assert!(
        !answer(&mut links, "A", a),
        "an older link answering late is dropped"
    );
    assert!(links.is_last_written("s=B"));

    let mut links = UrlLinks::default();
    let (a, b) = (url(&mut links, "A"), url(&mut links, "B"));
    assert!(!answer(&mut links, "A", a), "older than the newest asked");
    assert!(answer(&mut links, "B", b));
    assert!(links.is_last_written("s=B"));
}

#[test]
fn the_same_lesson_asks_once_and_a_written_fragment_is_not_written_again() {
    let mut links = UrlLinks::default();
    let a = url(&mut links, "A");
    assert_eq!(links.ask_url("A"), None);
    assert!(answer(&mut links, "A", a));
    assert_eq!(links.ask_url("A"), None);
    let copy = links.ask_copy();
    assert!(!answer(&mut links, "A", copy), "already in the URL");
    assert!(links.is_last_written("s=A"));
}

#[test]
fn a_copy_answered_after_a_newer_url_link_was_asked_leaves_the_url_to_it() {
    // Copy link for A, then a change to B before the copy's link is back
    let mut links = UrlLinks::default();
    let copy = links.ask_copy();
    let b = url(&mut links, "B");
    assert!(
        !answer(&mut links, "A", copy),
        "the copy goes to the clipboard only"
    );
    assert!(
        answer(&mut links, "B", b),
        "the newer lesson's link is written"
    );
    assert!(links.is_last_written("s=B"));
}

#[test]
fn a_copy_takes_the_url_over_from_url_links_asked_before_it() {
    let mut links = UrlLinks::default();
    let a = url(&mut links, "A");
    let copy = links.ask_copy();
    assert!(answer(&mut links, "A+weights", copy));
    assert!(
        !answer(&mut links, "A", a),
        "asked before the copy: dropped"
    );
    assert!(links.is_last_written("s=A+weights"));
    // the URL now stands for the copy's JSON: that lesson asks nothing, another one does
    assert_eq!(links.ask_url("A+weights"), None);
    let b = url(&mut links, "B");
    assert!(answer(&mut links, "B", b));
}

#[test]
fn the_last_two_fragments_written_are_remembered_by_fingerprint() {
    let mut links = UrlLinks::default();
    assert_eq!(links.fingerprints(), [String::new(), String::new()]);
    for json in ["A", "B", "C"] {
        let then = url(&mut links, json);
        assert!(answer(&mut links, json, then));
    }
    assert_eq!(
        links.fingerprints(),
        [fingerprint("s=C"), fingerprint("s=B")]
    );
    assert!(!links.is_last_written("s=B"));
}

#[test]
fn fingerprints_are_fnv_1a_64() {
    // the published FNV-1a 64-bit test vectors (also by a three-line Python reference)
    assert_eq!(fingerprint(""), "cbf29ce484222325");
    assert_eq!(fingerprint("a"), "af63dc4c8601ec8c");
    assert_eq!(fingerprint("foobar"), "85944171f73967e8");
}
