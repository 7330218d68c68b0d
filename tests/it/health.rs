//! `queuectl health` tests (being written).
