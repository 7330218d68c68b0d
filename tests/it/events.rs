//! `queuectl events` tests (being written).
