//! What crosses the page's edge: links, files, the clipboard and the browser's storage.

pub mod callback;
pub mod clipboard;
pub mod deflate;
pub mod files;
pub mod import;
pub mod kept;
pub mod sharing;
