//! `queuectl schedule` tests (being written).
