//! endpoint (being written)
