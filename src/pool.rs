//! A bounded pool of library-owned worker threads for calls that complete through a callback.
//!
//! Workers are started lazily, one per queued task no idle worker can take, up to the pool's
//! limit; tasks beyond it wait in a FIFO queue. A worker idle for [`IDLE_EXIT`] ends. A task
//! whose cancel token fires while it is queued leaves the queue at once and is completed as
//! cancelled by a short-lived completer thread (or, should that thread fail to start, by the
//! next free worker), without its work ever starting. Closing the pool completes every queued
//! task as cancelled the same way; running tasks finish on their own, and nothing waits for
//! them, so closing from inside a task's completion cannot deadlock.

use std::collections::VecDeque;
use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, Weak};
use std::thread;
use std::time::Duration;

use crate::cancel::{CancelToken, Registration};

/// How long a worker waits for a task before it ends.
const IDLE_EXIT: Duration = Duration::from_secs(10);

/// A unit of work that reports its own outcome, exactly once, by one of its two methods.
pub(crate) trait Task: Send + 'static {
    /// Does the work and delivers its outcome.
    fn run(self: Box<Self>);
    /// Delivers "cancelled" without doing the work.
    fn cancel(self: Box<Self>);
}

/// The pool: dropping it closes it (see the module documentation).
pub(crate) struct Pool {
    shared: Arc<Shared>,
}

struct Shared {
    state: Mutex<State>,
    /// Wakes idle workers: a task was queued or cancelled, or the pool closed.
    work: Condvar,
    max_workers: usize,
}

#[derive(Default)]
struct State {
    queue: VecDeque<Queued>,
    /// Tasks to complete as cancelled, taken off the queue.
    cancelled: VecDeque<Box<dyn Task>>,
    workers: usize,
    idle: usize,
    completer_running: bool,
    closed: bool,
    next_id: u64,
}

/// A task waiting for a worker, with the registration that takes it off the queue on cancel.
struct Queued {
    id: u64,
    task: Box<dyn Task>,
    on_cancel: Option<Registration>,
}

impl Pool {
    /// A pool running at most `max_workers` tasks at once (at least 1).
    pub(crate) fn new(max_workers: usize) -> Pool {
        Pool {
            shared: Arc::new(Shared {
                state: Mutex::new(State::default()),
                work: Condvar::new(),
                max_workers: max_workers.max(1),
            }),
        }
    }

    /// Queues `task`. When `cancel` fires before a worker takes it, the task is completed as
    /// cancelled at once; when it has already fired, the task goes straight to that. Fails,
    /// handing the task back undelivered, only when no thread could be started to deliver it.
    pub(crate) fn submit(
        &self,
        task: Box<dyn Task>,
        cancel: Option<&CancelToken>,
    ) -> Result<(), (Box<dyn Task>, io::Error)> {
        let shared = &self.shared;
        let mut state = shared.lock();
        if state.closed || cancel.is_some_and(CancelToken::is_cancelled) {
            state.cancelled.push_back(task);
            return match shared.start_completer(&mut state) {
                Ok(()) => Ok(()),
                Err(error) => Err((state.cancelled.pop_back().expect("just pushed"), error)),
            };
        }
        state.next_id += 1;
        let id = state.next_id;
        state.queue.push_back(Queued {
            id,
            task,
            on_cancel: None,
        });
        if state.queue.len() > state.idle && state.workers < shared.max_workers {
            if let Err(error) = shared.start_worker(&mut state) {
                if state.workers == 0 {
                    let queued = state.queue.pop_back().expect("just pushed");
                    return Err((queued.task, error));
                }
                // The workers there are will reach it.
            }
        }
        shared.work.notify_one();
        if let Some(token) = cancel {
            let weak = Arc::downgrade(shared);
            // Registered under the pool's lock, so the task is still queued: a hook firing now
            // waits for the lock and then finds it. Should the token be cancelled in between,
            // the registration fails and the worker's call ends at once, sending nothing.
            if let Ok(registration) =
                token.on_cancel(Box::new(move || Shared::cancel_queued(&weak, id)))
                && let Some(queued) = state.queue.iter_mut().find(|queued| queued.id == id)
            {
                queued.on_cancel = Some(registration);
            }
        }
        Ok(())
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        let shared = &self.shared;
        let mut state = shared.lock();
        state.closed = true;
        let queued: Vec<Queued> = state.queue.drain(..).collect();
        let mut registrations = Vec::with_capacity(queued.len());
        for Queued {
            task, on_cancel, ..
        } in queued
        {
            state.cancelled.push_back(task);
            registrations.push(on_cancel);
        }
        if !state.cancelled.is_empty() {
            // Should the completer fail to start, the workers (busy with the tasks that made
            // these queue) deliver them when they finish.
            let _ = shared.start_completer(&mut state);
        }
        shared.work.notify_all();
        drop(state);
        // Outside the pool's lock: dropping a registration takes its token's lock.
        drop(registrations);
    }
}

impl Shared {
    /// The state; a panic cannot leave it inconsistent (tasks run outside the lock), so
    /// poisoning is ignored.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Starts one more worker.
    fn start_worker(self: &Arc<Self>, state: &mut State) -> io::Result<()> {
        let shared = Arc::clone(self);
        thread::Builder::new()
            .name("cognito-worker".into())
            .spawn(move || shared.work_loop())?;
        state.workers += 1;
        Ok(())
    }

    /// Starts the completer unless it runs.
    fn start_completer(self: &Arc<Self>, state: &mut State) -> io::Result<()> {
        if state.completer_running {
            return Ok(());
        }
        let shared = Arc::clone(self);
        thread::Builder::new()
            .name("cognito-cancel".into())
            .spawn(move || shared.complete_cancelled())?;
        state.completer_running = true;
        Ok(())
    }

    /// The hook a queued task's cancel token runs: moves the task, if still queued, to the
    /// cancelled ones.
    fn cancel_queued(weak: &Weak<Shared>, id: u64) {
        let Some(shared) = weak.upgrade() else {
            return;
        };
        let mut state = shared.lock();
        let Some(at) = state.queue.iter().position(|queued| queued.id == id) else {
            return;
        };
        let queued = state.queue.remove(at).expect("found above");
        state.cancelled.push_back(queued.task);
        if shared.start_completer(&mut state).is_err() {
            shared.work.notify_one();
        }
        drop(state);
        drop(queued.on_cancel);
    }

    /// The completer thread: delivers every cancelled task, then ends.
    fn complete_cancelled(&self) {
        let mut state = self.lock();
        while let Some(task) = state.cancelled.pop_front() {
            drop(state);
            deliver(|| task.cancel());
            state = self.lock();
        }
        state.completer_running = false;
    }

    /// A worker thread: runs queued tasks (and delivers cancelled ones) until the pool closes
    /// or it has been idle for [`IDLE_EXIT`].
    fn work_loop(&self) {
        let mut state = self.lock();
        loop {
            if let Some(task) = state.cancelled.pop_front() {
                drop(state);
                deliver(|| task.cancel());
                state = self.lock();
                continue;
            }
            if let Some(queued) = state.queue.pop_front() {
                drop(state);
                drop(queued.on_cancel);
                let task = queued.task;
                deliver(|| task.run());
                state = self.lock();
                continue;
            }
            if state.closed {
                break;
            }
            state.idle += 1;
            let (woken, wait) = self
                .work
                .wait_timeout(state, IDLE_EXIT)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            state = woken;
            state.idle -= 1;
            if wait.timed_out() && state.queue.is_empty() && state.cancelled.is_empty() {
                break;
            }
        }
        state.workers -= 1;
    }
}

/// Runs a task's delivery; a panic in it is contained so the thread goes on serving.
fn deliver(delivery: impl FnOnce()) {
    let _ = catch_unwind(AssertUnwindSafe(delivery));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::{Receiver, Sender, channel};
    use std::time::Instant;

    /// A task that reports how it ended and, when running, waits for a go signal.
    struct Probe {
        name: u32,
        events: Sender<(u32, &'static str)>,
        gate: Option<Arc<Gate>>,
    }

    /// Holds running probes until opened.
    #[derive(Default)]
    struct Gate {
        open: Mutex<bool>,
        opened: Condvar,
    }

    impl Gate {
        fn open(&self) {
            *self.open.lock().unwrap() = true;
            self.opened.notify_all();
        }

        fn wait(&self) {
            let mut open = self.open.lock().unwrap();
            while !*open {
                open = self.opened.wait(open).unwrap();
            }
        }
    }

    impl Task for Probe {
        fn run(self: Box<Self>) {
            self.events.send((self.name, "started")).unwrap();
            if let Some(gate) = &self.gate {
                gate.wait();
            }
            self.events.send((self.name, "ran")).unwrap();
        }

        fn cancel(self: Box<Self>) {
            self.events.send((self.name, "cancelled")).unwrap();
        }
    }

    fn probe(name: u32, events: &Sender<(u32, &'static str)>, gate: &Arc<Gate>) -> Box<Probe> {
        Box::new(Probe {
            name,
            events: events.clone(),
            gate: Some(Arc::clone(gate)),
        })
    }

    fn next(events: &Receiver<(u32, &'static str)>) -> (u32, &'static str) {
        events.recv_timeout(Duration::from_secs(30)).unwrap()
    }

    #[test]
    fn at_most_max_workers_run_and_the_rest_queue_in_order() {
        let pool = Pool::new(2);
        let (sender, events) = channel();
        let gate = Arc::new(Gate::default());
        for name in 1..=4 {
            assert!(pool.submit(probe(name, &sender, &gate), None).is_ok());
        }
        let mut started = vec![next(&events), next(&events)];
        started.sort();
        assert_eq!(started, [(1, "started"), (2, "started")]);
        assert!(events.recv_timeout(Duration::from_millis(100)).is_err());
        assert_eq!(pool.shared.lock().workers, 2);
        gate.open();
        let mut rest: Vec<_> = (0..6).map(|_| next(&events)).collect();
        rest.sort();
        assert_eq!(
            rest,
            [
                (1, "ran"),
                (2, "ran"),
                (3, "ran"),
                (3, "started"),
                (4, "ran"),
                (4, "started")
            ]
        );
    }

    #[test]
    fn a_cancelled_queued_task_completes_at_once_without_running() {
        let pool = Pool::new(1);
        let (sender, events) = channel();
        let gate = Arc::new(Gate::default());
        pool.submit(probe(1, &sender, &gate), None).ok().unwrap();
        assert_eq!(next(&events), (1, "started"));
        let token = CancelToken::new();
        pool.submit(probe(2, &sender, &gate), Some(&token))
            .ok()
            .unwrap();
        token.cancel();
        // The only worker is still busy with task 1: the cancellation does not wait for it.
        assert_eq!(next(&events), (2, "cancelled"));
        gate.open();
        assert_eq!(next(&events), (1, "ran"));
        assert!(events.recv_timeout(Duration::from_millis(100)).is_err());
    }

    #[test]
    fn a_task_with_a_cancelled_token_never_runs() {
        let pool = Pool::new(4);
        let (sender, events) = channel();
        let token = CancelToken::new();
        token.cancel();
        let gate = Arc::new(Gate::default());
        pool.submit(probe(7, &sender, &gate), Some(&token))
            .ok()
            .unwrap();
        assert_eq!(next(&events), (7, "cancelled"));
    }

    #[test]
    fn closing_cancels_the_queue_and_lets_running_tasks_finish() {
        let pool = Pool::new(1);
        let (sender, events) = channel();
        let gate = Arc::new(Gate::default());
        pool.submit(probe(1, &sender, &gate), None).ok().unwrap();
        assert_eq!(next(&events), (1, "started"));
        pool.submit(probe(2, &sender, &gate), None).ok().unwrap();
        let shared = Arc::clone(&pool.shared);
        drop(pool);
        assert_eq!(next(&events), (2, "cancelled"));
        gate.open();
        assert_eq!(next(&events), (1, "ran"));
        let deadline = Instant::now() + Duration::from_secs(30);
        while shared.lock().workers > 0 {
            assert!(Instant::now() < deadline, "the worker did not end");
            thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn a_panicking_task_does_not_take_its_worker_down() {
        struct Panics;
        impl Task for Panics {
            fn run(self: Box<Self>) {
                panic!("task panic");
            }
            fn cancel(self: Box<Self>) {}
        }
        let pool = Pool::new(1);
        pool.submit(Box::new(Panics), None).ok().unwrap();
        let (sender, events) = channel();
        let gate = Arc::new(Gate::default());
        gate.open();
        pool.submit(probe(3, &sender, &gate), None).ok().unwrap();
        assert_eq!(next(&events), (3, "started"));
        assert_eq!(next(&events), (3, "ran"));
    }
}
