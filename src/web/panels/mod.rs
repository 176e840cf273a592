//! One module per panel or chart of the page, each drawn from the session.

pub mod boundary;
pub mod contour_plot;
pub mod controls;
pub mod diagram;
pub mod export;
pub mod landscape;
pub mod lesson;
pub mod matrices;
pub mod own_data;
pub mod race_chart;
pub mod race_table;
pub mod surface;
