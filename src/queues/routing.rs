//! Which queue a job name belongs to, as the existing Node system routes them
//! (the table itself is in [`super::vocab`]).

use super::vocab::{family_of, JobFamily, ROUTES};
pub use super::vocab::{MAINTENANCE_QUEUE, PROCESS_QUEUE, SCRAPE_QUEUE};

/// The default queue for a job name, if the routing table knows it.
pub fn queue_for(job_name: &str) -> Option<&'static str> {
    family_of(job_name).map(JobFamily::queue)
}

/// Whether a job name is a scrape job (these back off exponentially by default).
pub fn is_scrape_job(job_name: &str) -> bool {
    family_of(job_name) == Some(JobFamily::Scrape)
}

/// The job names the routing table knows, for error messages.
pub fn known_names() -> Vec<&'static str> {
    ROUTES.iter().map(|r| r.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_every_known_name() {
        assert_eq!(queue_for("full-crawl"), Some(SCRAPE_QUEUE));
        assert_eq!(queue_for("cleanup"), Some(MAINTENANCE_QUEUE));
        assert_eq!(queue_for("process-content"), Some(PROCESS_QUEUE));
        assert_eq!(queue_for("email"), None);
        assert!(is_scrape_job("refresh"));
        assert!(!is_scrape_job("analytics"));
    }
}
