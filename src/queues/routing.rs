//! Which queue a job name belongs to, as the existing Node system routes them.

/// The queue for scraping jobs.
pub const SCRAPE_QUEUE: &str = "scrape-queue";
/// The queue for maintenance jobs.
pub const MAINTENANCE_QUEUE: &str = "maintenance-queue";
/// The queue for content processing jobs.
pub const PROCESS_QUEUE: &str = "process-queue";

const ROUTES: [(&str, &str); 9] = [
    ("single-page", SCRAPE_QUEUE),
    ("full-crawl", SCRAPE_QUEUE),
    ("refresh", SCRAPE_QUEUE),
    ("scrape-website", SCRAPE_QUEUE),
    ("maintenance", MAINTENANCE_QUEUE),
    ("daily-maintenance", MAINTENANCE_QUEUE),
    ("cleanup", MAINTENANCE_QUEUE),
    ("analytics", PROCESS_QUEUE),
    ("process-content", PROCESS_QUEUE),
];

/// The default queue for a job name, if the routing table knows it.
pub fn queue_for(job_name: &str) -> Option<&'static str> {
    ROUTES
        .iter()
        .find(|(name, _)| *name == job_name)
        .map(|(_, queue)| *queue)
}

/// Whether a job name is a scrape job (these back off exponentially by default).
pub fn is_scrape_job(job_name: &str) -> bool {
    queue_for(job_name) == Some(SCRAPE_QUEUE)
}

/// The job names the routing table knows, for error messages.
pub fn known_names() -> Vec<&'static str> {
    ROUTES.iter().map(|(name, _)| *name).collect()
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
