//! Stage measurements: wall time, CPU time and peak memory of each build stage.
//!
//! A [`Meter`] is started before a stage and read when it ends, giving a
//! [`Stage`]. CPU time (user + system, every thread) and the peak resident set
//! come from `/proc/self`; where that is missing (not Linux) they are `None`
//! and only wall time is reported. The peak is per stage: the kernel's
//! high-water mark is reset when a stage starts, so a stage's peak is the most
//! memory held at any moment during it, including what earlier stages left.

use std::time::{Duration, Instant};

/// What one stage cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub name: &'static str,
    pub wall: Duration,
    /// User plus system time of all threads, at the kernel's tick resolution.
    pub cpu: Option<Duration>,
    /// Highest resident set size during the stage, in bytes.
    pub peak_rss: Option<u64>,
}

/// A timed step of a watch-mode rebuild. The parts of a step (what a patch
/// or a render spent its time on) are reported beside it, not added to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Load,
    CleanExtractLink,
    CleanExtractPatch,
    Render,
    Write,
    Exports,
    PatchPeople,
    PatchDates,
    PatchTimeline,
    PatchRenumber,
    PatchPages,
    RenderLookup,
    RenderFingerprints,
    RenderDataPrints,
    RenderPages,
    RenderCopies,
    RenderData,
}

impl Step {
    /// The name printed for the step (`render:pages` for a part of `render`).
    pub fn name(self) -> &'static str {
        match self {
            Step::Load => "load",
            Step::CleanExtractLink => "clean+extract+link",
            Step::CleanExtractPatch => "clean+extract+patch",
            Step::Render => "render",
            Step::Write => "write",
            Step::Exports => "exports",
            Step::PatchPeople => "patch:people",
            Step::PatchDates => "patch:dates",
            Step::PatchTimeline => "patch:timeline",
            Step::PatchRenumber => "patch:renumber",
            Step::PatchPages => "patch:pages",
            Step::RenderLookup => "render:lookup",
            Step::RenderFingerprints => "render:fingerprints",
            Step::RenderDataPrints => "render:data-prints",
            Step::RenderPages => "render:pages",
            Step::RenderCopies => "render:copies",
            Step::RenderData => "render:data",
        }
    }

    /// True for a part of another step, whose time that step already counts.
    pub fn is_part(self) -> bool {
        self.name().contains(':')
    }
}

/// Measures consecutive stages of one process.
#[derive(Debug)]
pub struct Meter {
    started: Instant,
    cpu_at_start: Option<Duration>,
}

impl Meter {
    /// Starts measuring the next stage.
    pub fn start() -> Self {
        reset_peak_rss();
        Meter {
            started: Instant::now(),
            cpu_at_start: process_cpu_time(),
        }
    }

    /// Ends the stage named `name` and starts the next one.
    pub fn lap(&mut self, name: &'static str) -> Stage {
        let stage = Stage {
            name,
            wall: self.started.elapsed(),
            cpu: process_cpu_time()
                .zip(self.cpu_at_start)
                .map(|(now, then)| now.saturating_sub(then)),
            peak_rss: peak_rss(),
        };
        *self = Meter::start();
        stage
    }
}

/// User plus system CPU time of the whole process so far.
fn process_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may contain spaces, so split after ')').
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after ')'.
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    // The kernel reports clock ticks; USER_HZ is 100 on every Linux platform.
    Some(Duration::from_millis((user + system) * 10))
}

/// The process's resident high-water mark (`VmHWM`).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Resets `VmHWM` to the current resident size (Linux 4.0 and later).
fn reset_peak_rss() {
    // Failure only means the peak stays cumulative; nothing else depends on it.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_sees_memory_it_touched() {
        let mut meter = Meter::start();
        let block = std::hint::black_box(vec![1u8; 64 << 20]);
        let stage = meter.lap("touch");
        assert_eq!(stage.name, "touch");
        if let Some(peak) = stage.peak_rss {
            assert!(peak >= 64 << 20, "peak {peak} below the 64 MiB touched");
        }
        drop(block);
    }

    #[test]
    fn cpu_time_is_read_on_linux() {
        let mut meter = Meter::start();
        let stage = meter.lap("nothing");
        assert_eq!(stage.cpu.is_some(), cfg!(target_os = "linux"));
    }
}
