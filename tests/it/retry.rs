//! `queuectl retry` tests (being written).
