//! `queuectl control` tests (being written).
