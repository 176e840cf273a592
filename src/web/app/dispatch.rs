//! The one owner of the page's state and the one way to change it: listeners turn events
//! into a `Msg` and `send` it; the loop applies each message with `App::update`, in order,
//! then redraws what changed (`App::view_now`; the canvases on the next frame). A message
//! sent while another is being applied (an event fired by the redraw) waits its turn.

use super::{App, Effect, Msg};
use crate::web::io::{clipboard, deflate, sharing};
use std::cell::{RefCell, RefMut};
use std::collections::VecDeque;
use std::rc::Rc;

/// The page's state and the messages waiting for it.
struct Loop {
    app: RefCell<App>,
    queue: RefCell<VecDeque<Msg>>,
}

/// What listeners, the frame callback and `window.playground` hold: a way to send messages
/// (and to read the state), not the state itself.
#[derive(Clone)]
pub struct Dispatch(Rc<Loop>);

impl Dispatch {
    pub(super) fn new(app: App) -> Dispatch {
        Dispatch(Rc::new(Loop {
            app: RefCell::new(app),
            queue: RefCell::new(VecDeque::new()),
        }))
    }

    /// Applies `msg` (after any before it), then redraws what changed.
    pub fn send(&self, msg: Msg) {
        self.0.queue.borrow_mut().push_back(msg);
        let Ok(app) = self.0.app.try_borrow_mut() else {
            return; // a message is being applied: this one follows it
        };
        self.settle(app);
    }

    /// Applies the messages waiting, redraws what changed, then starts the effects asked for.
    fn settle(&self, mut app: RefMut<'_, App>) {
        loop {
            let next = self.0.queue.borrow_mut().pop_front();
            match next {
                Some(msg) => app.update(msg),
                None => break,
            }
        }
        app.view_now();
        let effects = std::mem::take(&mut app.effects);
        drop(app);
        effects.into_iter().for_each(|e| self.start(e));
    }

    /// Starts an effect; its answer comes back as a message.
    fn start(&self, effect: Effect) {
        match effect {
            Effect::Copy { text, with_weights } => {
                let dispatch = self.clone();
                clipboard::copy_when_ready(text, move |url, result| {
                    // a refused link (too long) has said so already
                    if let Ok(url) = url {
                        let len = url.chars().count();
                        dispatch.send(Msg::Say(sharing::copied(len, with_weights, result.is_ok())))
                    }
                });
            }
            Effect::Export(e) => super::export::start(self, e),
            Effect::Link { json, then } => {
                let dispatch = self.clone();
                deflate::deflate_raw(json.clone().into_bytes(), move |packed| {
                    let text = crate::scenario::share::link_text(&packed);
                    dispatch.send(Msg::Linked { json, text, then })
                });
            }
            Effect::Unpack { packed } => {
                let dispatch = self.clone();
                deflate::inflate_raw(packed, move |json| {
                    let result = json.and_then(crate::scenario::share::read_inflated);
                    let result = result.map_err(|e| e.to_string());
                    let source = "the link".to_string();
                    dispatch.send(Msg::Open { result, source })
                });
            }
        }
    }

    /// Applies a message and returns what `take` reads from the state after it: for the JS
    /// API, whose calls answer at once. `None` while another message is being applied (a
    /// call from inside a redraw).
    pub fn ask<R>(&self, msg: Msg, take: impl FnOnce(&mut App) -> R) -> Option<R> {
        let mut app = self.0.app.try_borrow_mut().ok()?;
        app.update(msg);
        let answer = take(&mut app);
        self.settle(app);
        Some(answer)
    }

    /// Reads the state; `None` while a message is being applied.
    pub fn read<R>(&self, f: impl FnOnce(&App) -> R) -> Option<R> {
        self.0.app.try_borrow().ok().map(|app| f(&app))
    }
}
