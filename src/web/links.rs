//! Which link the page's URL gets, now that the browser packs links asynchronously
//! (`io::deflate`): the bookkeeping of the links asked for and written, plain Rust and tested
//! natively; `io::sharing` does the asking and the writing.
//!
//! Links for the URL (the lesson as it changes) are numbered as they are asked for, and only
//! the newest one's answer is written, whatever the order the answers come in. "Copy link"
//! takes the URL over only if no URL link was asked for after it; its link goes to the
//! clipboard either way. The page remembers the last two fragments it wrote, by fingerprint, so
//! that a reload that finds the URL one write behind (the navigation took the URL before the
//! last write landed) still counts as the page's own.

/// What a link being packed is for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LinkUse {
    /// the page's URL, kept up to date with the lesson: the n-th URL link asked for
    Url(u64),
    /// "Copy link", asked when `at` URL links had been asked for
    Copy { at: u64 },
}

/// The links asked for and written into the URL.
#[derive(Debug, Default)]
pub struct UrlLinks {
    /// the compact JSON whose link is in the URL or on its way there
    json: String,
    /// how many URL links were asked for
    asked: u64,
    /// the fragment last written into the URL, and the one before it
    written: [String; 2],
}

impl UrlLinks {
    /// The lesson is now `json`: a URL link to ask for, or None when the URL has (or is about
    /// to have) this lesson's link.
    pub fn ask_url(&mut self, json: &str) -> Option<LinkUse> {
        if self.json == json {
            return None;
        }
        self.json = json.to_string();
        self.asked += 1;
        Some(LinkUse::Url(self.asked))
    }

    /// "Copy link" asked now.
    pub fn ask_copy(&self) -> LinkUse {
        LinkUse::Copy { at: self.asked }
    }

    /// A link for `json` came back as `fragment`, asked for `then`: whether to write it into
    /// the URL (then call `wrote`). A URL link older than the newest asked is dropped; a copied
    /// link takes the URL over unless a URL link was asked for after it, and from then on the
    /// URL stands for its JSON.
    pub fn answered(&mut self, json: String, fragment: &str, then: LinkUse) -> bool {
        let fresh = match then {
            LinkUse::Url(n) => n == self.asked,
            LinkUse::Copy { at, .. } if at == self.asked => {
                self.json = json;
                self.asked += 1; // URL links asked before the copy are older than it
                true
            }
            LinkUse::Copy { .. } => false,
        };
        fresh && self.written[0] != fragment
    }

    /// `fragment` was written into the URL.
    pub fn wrote(&mut self, fragment: String) {
        let last = std::mem::replace(&mut self.written[0], fragment);
        self.written[1] = last;
    }

    /// Whether `fragment` is the one this page last wrote (its own write, not a new link).
    pub fn is_last_written(&self, fragment: &str) -> bool {
        self.written[0] == fragment
    }

    /// The fingerprints of the last two fragments written, the newest first ("" for none).
    pub fn fingerprints(&self) -> [String; 2] {
        self.written.each_ref().map(|f| {
            if f.is_empty() {
                String::new()
            } else {
                fingerprint(f)
            }
        })
    }
}

/// A fragment's fingerprint: its 64-bit FNV-1a hash in hex (offset basis 0xcbf29ce484222325,
/// prime 0x100000001b3), so that a run kept in the browser's storage carries 16 characters per
/// link rather than the link, which may be megabytes.
pub fn fingerprint(fragment: &str) -> String {
    let hash = fragment.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests;
