#![cfg(target_arch = "wasm32")]
//! `web::io::files` in headless Chrome (`cargo test --target wasm32-unknown-unknown --test
//! web_files`): local storage, saving a file, the location hash, the clipboard and the
//! browser's DEFLATE of links.

use backprop_playground::scenario::Scenario;
use backprop_playground::scenario::share;
use backprop_playground::web::io::{clipboard, deflate, files};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn store_stored_and_unstore() {
    let key = "backprop-playground-test/store";
    files::unstore(key);
    assert_eq!(files::stored(key), None);
    files::store(key, "1.abc δ ✓").unwrap();
    assert_eq!(files::stored(key).as_deref(), Some("1.abc δ ✓"));
    files::store(key, "again").unwrap();
    assert_eq!(files::stored(key).as_deref(), Some("again"));
    files::unstore(key);
    assert_eq!(files::stored(key), None);
    files::unstore(key); // twice is fine
}

#[wasm_bindgen_test]
fn a_full_storage_is_an_error_in_words() {
    let key = "backprop-playground-test/too-much";
    // Chrome keeps about 5 MB per origin
    let e = files::store(key, &"x".repeat(12 * 1024 * 1024)).unwrap_err();
    assert!(e.contains("full"), "{e}");
    assert_eq!(files::stored(key), None);
}

#[wasm_bindgen_test]
fn save_text_file_does_not_throw_and_leaves_no_link() {
    let links = || {
        web_sys::window()
            .unwrap()
            .document()
            .unwrap()
            .query_selector_all("a[download]")
            .unwrap()
            .length()
    };
    let before = links();
    files::save_text_file(
        "scenario.json",
        &Scenario::default().to_json(),
        "application/json",
    )
    .unwrap();
    assert_eq!(links(), before);
}

#[wasm_bindgen_test]
fn the_location_hash_carries_a_link_without_new_history_entries() {
    let history = web_sys::window().unwrap().history().unwrap();
    let entries = history.length().unwrap();
    let scenario = Scenario::default();
    let fragment = share::link_fragment(&scenario);
    files::set_location_hash(&fragment);
    assert_eq!(files::location_hash(), format!("#{fragment}"));
    assert_eq!(
        share::from_fragment(&files::location_hash()),
        Some(Ok(scenario))
    );
    let url = files::page_url_with_fragment(&fragment);
    assert!(url.starts_with("http"), "{url}");
    assert!(
        url.ends_with(&format!("/#{fragment}")) || url.contains(".html#"),
        "{url}"
    );
    files::set_location_hash("");
    assert_eq!(files::location_hash(), "");
    assert!(share::from_fragment(&files::location_hash()).is_none());
    assert_eq!(history.length().unwrap(), entries);
}

/// Waits for a callback's one value.
struct Answer<T>(Rc<RefCell<(Option<T>, Option<Waker>)>>);

/// A future of a callback's one value, and the callback that gives it.
fn awaiting<T: 'static>() -> (Answer<T>, impl FnOnce(T)) {
    let slot = Rc::new(RefCell::new((None, None::<Waker>)));
    let give = {
        let slot = slot.clone();
        move |value| {
            let mut s = slot.borrow_mut();
            s.0 = Some(value);
            if let Some(waker) = s.1.take() {
                waker.wake();
            }
        }
    };
    (Answer(slot), give)
}

impl<T> Future for Answer<T> {
    type Output = T;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.0.borrow_mut();
        match slot.0.take() {
            Some(value) => Poll::Ready(value),
            None => {
                slot.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

#[wasm_bindgen_test]
async fn copy_to_clipboard_always_answers() {
    // headless Chrome without focus refuses the Clipboard API, and may refuse the old
    // command too: either way the answer comes, once, and an error says what to do
    let (answer, give) = awaiting();
    clipboard::copy_to_clipboard("s=1.abc", give);
    let result = answer.await;
    console_log!("copy_to_clipboard: {result:?}");
    match result {
        Ok(()) => {}
        Err(e) => assert!(e.contains("copy the text by hand"), "{e}"),
    }
}

/// `deflate::deflate_raw`'s answer for `bytes`.
async fn deflated(bytes: Vec<u8>) -> Vec<u8> {
    let (answer, give) = awaiting();
    deflate::deflate_raw(bytes, give);
    answer.await
}

#[wasm_bindgen_test]
async fn the_browser_deflates_a_link_that_opens_the_same_scenario() {
    // Chrome's CompressionStream("deflate-raw"): its bytes are not miniz's, but miniz's
    // inflate (every link's reader, the reference here) gives back the input, compressed
    let scenario = Scenario::default();
    let json = share::link_json(&scenario);
    let packed = deflated(json.clone().into_bytes()).await;
    assert!(
        packed.len() < json.len() / 2,
        "{} of {} bytes",
        packed.len(),
        json.len()
    );
    let back = miniz_oxide::inflate::decompress_to_vec(&packed).unwrap();
    assert_eq!(back, json.as_bytes());
    assert_eq!(share::decode(&share::link_text(&packed)).unwrap(), scenario);
    // nothing in, a valid empty stream out
    let empty = deflated(Vec::new()).await;
    assert_eq!(
        miniz_oxide::inflate::decompress_to_vec(&empty).unwrap(),
        b""
    );
}

/// `deflate::inflate_raw`'s answer for `packed`.
async fn inflated(packed: Vec<u8>) -> Result<Vec<u8>, String> {
    let (answer, give) = awaiting();
    deflate::inflate_raw(packed, move |r| give(r.map_err(|e| e.to_string())));
    answer.await
}

#[wasm_bindgen_test]
async fn the_browser_inflates_links_and_stops_at_damage_and_at_the_limit() {
    // miniz's DEFLATE (the CLI's links, the reference here) and stored blocks inflate back
    let scenario = Scenario::default();
    let json = share::link_json(&scenario);
    let packed = share::unpack(&share::encode(&scenario)).unwrap();
    assert_eq!(inflated(packed.clone()).await.unwrap(), json.as_bytes());
    let stored = share::stored(json.as_bytes());
    assert_eq!(inflated(stored).await.unwrap(), json.as_bytes());
    // cut short, or a byte changed where it breaks the block structure
    let cut = packed[..packed.len() / 2].to_vec();
    assert!(inflated(cut).await.unwrap_err().contains("damaged"));
    assert!(
        inflated(vec![0xff; 40])
            .await
            .unwrap_err()
            .contains("damaged")
    );
    // a "bomb": 5 MB of zeros pack into a few KB, and the reading stops past the 4 MB limit
    let bomb = miniz_oxide::deflate::compress_to_vec(&vec![0u8; 5 * 1024 * 1024], 9);
    assert!(bomb.len() < 20_000, "{}", bomb.len());
    let e = inflated(bomb).await.unwrap_err();
    assert!(e.contains("too large"), "{e}");
}

#[wasm_bindgen_test]
async fn copy_when_ready_answers_once_with_the_text_or_the_refusal() {
    // a text that comes: the answer carries it, and the clipboard's outcome (headless Chrome
    // may refuse: then an error that says to copy by hand)
    let (answer, give) = awaiting();
    let text = js_sys::Promise::resolve(&wasm_bindgen::JsValue::from_str("s=1.abc"));
    clipboard::copy_when_ready(text, move |text, result| give((text.ok(), result)));
    let (text, result) = answer.await;
    assert_eq!(text.as_deref(), Some("s=1.abc"), "the text that came");
    if let Err(e) = result {
        assert!(e.contains("copy the text by hand"), "{e}");
    }
    // a text refused (a link too long): nothing is copied and nothing failed
    let (answer, give) = awaiting();
    let text = js_sys::Promise::reject(&wasm_bindgen::JsValue::from_str("too long"));
    clipboard::copy_when_ready(text, move |text, result| give((text.is_err(), result)));
    assert_eq!(answer.await, (true, Ok(())));
}
