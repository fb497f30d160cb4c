//! A request's Content-Length allocates nothing by itself: the body buffer grows with the
//! bytes that arrive. (Its own test binary: it counts every allocation of the process.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};

use cognito_feedback_emulator::{Emulator, EmulatorOptions};

/// The system allocator, noting the largest single allocation made.
struct Largest;

static LARGEST: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call goes to the system allocator unchanged; only a counter is updated.
unsafe impl GlobalAlloc for Largest {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST.fetch_max(new_size, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Largest = Largest;

#[test]
fn an_announced_body_is_not_allocated_before_it_arrives() {
    let emulator = Emulator::start(EmulatorOptions::default()).unwrap();
    let announced = 1_000_000; // just under the emulator's 1 MiB body limit
    let mut stream = TcpStream::connect(emulator.url().trim_start_matches("http://")).unwrap();
    let before = LARGEST.load(Ordering::Relaxed);
    assert!(
        before < announced / 4,
        "setup allocated {before} bytes at once"
    );
    stream
        .write_all(
            format!(
                "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {announced}\r\n\r\n0123456789"
            )
            .as_bytes(),
        )
        .unwrap();
    // Ending our side makes the emulator see the body cut short and close the connection:
    // once we read its end, it has read the head and the ten bytes, and given up.
    stream.shutdown(Shutdown::Write).unwrap();
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    let largest = LARGEST.load(Ordering::Relaxed);
    assert!(
        largest < announced / 4,
        "the emulator allocated {largest} bytes at once for a {announced}-byte Content-Length"
    );
}
