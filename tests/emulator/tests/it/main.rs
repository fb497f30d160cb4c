//! Integration tests of the emulator, driven over raw TCP.

mod binary;
mod connections;
mod faults;
mod limits;
mod notify;
mod operation;
mod protocol;
mod read_back;
mod support;
