//! The extern "C" surface (being written)
