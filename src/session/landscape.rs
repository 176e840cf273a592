//! The landscape of the race the session holds (`training::landscape`): the followed racer's
//! plane for the random directions, within one call's work for the JavaScript API.

use super::*;
use crate::training::budget::MAX_CALL_WORK;
pub use crate::training::landscape::{
    Landscape, LandscapeError, LandscapeJob, LandscapeOptions, MAX_RESOLUTION, PlaneKind,
};

impl Session {
    /// The landscape job for the race as it is now, following the focused racer; it owns
    /// what it needs, so the page can run it in parts while the race moves on.
    pub fn landscape_job(&self, options: &LandscapeOptions) -> Result<LandscapeJob, SessionError> {
        Ok(LandscapeJob::new(
            &self.stepper.race,
            self.stepper.focus,
            options,
        )?)
    }

    /// The whole landscape in one call: refused (`TooMuchWork`, with the resolution that fits)
    /// when it would do more than `MAX_CALL_WORK` units of work.
    pub fn landscape(&self, options: &LandscapeOptions) -> Result<Landscape, SessionError> {
        if let Some(run) = &self.surface {
            return Session::surface_landscape(run, options);
        }
        let mut job = self.landscape_job(options)?;
        let work = job.remaining_work();
        if work > MAX_CALL_WORK {
            let grid = options.resolution * options.resolution;
            let fixed = work - grid as f64 * job.point_work();
            let fits = ((MAX_CALL_WORK - fixed).max(0.0) / job.point_work())
                .sqrt()
                .floor();
            return Err(TooMuchWork {
                call: format!("landscape({{ resolution: {} }})", options.resolution),
                work,
                hint: if fits >= 2.0 {
                    format!("a resolution of at most {fits} fits on this network")
                } else {
                    "not even a 2 × 2 grid fits on this network".into()
                },
            }
            .into());
        }
        job.run(f64::INFINITY);
        Ok(job.result().expect("run to the end"))
    }
}
