//! `queuectl cleanup` tests (being written).
