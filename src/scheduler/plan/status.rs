//! Statuses and the SDK's aggregate rule (fork `PlanUtils.getAggregateStatus`, contract §2.3).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A plan element's status. Steps store PENDING…COMPLETE, ERROR and DELAYED; WAITING and
/// IN_PROGRESS are only ever computed (WAITING also for a paused step that has not started).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Error,
    Waiting,
    Pending,
    Prepared,
    Starting,
    Started,
    Complete,
    InProgress,
    /// Upstream's back-off after launch failures.
    Delayed,
}

impl Status {
    /// The name as the plan JSON shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Error => "ERROR",
            Status::Waiting => "WAITING",
            Status::Pending => "PENDING",
            Status::Prepared => "PREPARED",
            Status::Starting => "STARTING",
            Status::Started => "STARTED",
            Status::Complete => "COMPLETE",
            Status::InProgress => "IN_PROGRESS",
            Status::Delayed => "DELAYED",
        }
    }

    /// "Running" as `continue` understands it: a continue on such an element is a no-op (208).
    pub fn is_running(self) -> bool {
        matches!(
            self,
            Status::Prepared | Status::Starting | Status::Started | Status::InProgress
        )
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The status of a parent from its children's statuses, the statuses of the children its strategy
/// would run next (`candidates`), whether the parent carries errors and whether it is interrupted.
/// The first matching rule wins, in the contract's order; the one addition is that a DELAYED
/// candidate shows DELAYED instead of falling through to rule 12's ERROR (the fork has no DELAYED).
pub fn aggregate(
    children: &[Status],
    candidates: &[Status],
    has_errors: bool,
    interrupted: bool,
) -> Status {
    let any = |set: &[Status], s: Status| set.contains(&s);
    if has_errors || any(children, Status::Error) {
        return Status::Error; // 1
    }
    if children.iter().all(|s| *s == Status::Complete) {
        return Status::Complete; // 2
    }
    if interrupted {
        return Status::Waiting; // 3
    }
    if any(children, Status::Prepared) {
        return Status::InProgress; // 4
    }
    if any(candidates, Status::Waiting) {
        return Status::Waiting; // 5
    }
    if any(candidates, Status::InProgress) {
        return Status::InProgress; // 6
    }
    let candidate_active = candidates
        .iter()
        .any(|s| matches!(s, Status::Pending | Status::Starting | Status::Started));
    if any(children, Status::Complete) && candidate_active {
        return Status::InProgress; // 7
    }
    if any(candidates, Status::Pending) {
        return Status::Pending; // 8
    }
    if any(children, Status::Waiting) {
        return Status::Waiting; // 9
    }
    if any(candidates, Status::Starting) {
        return Status::Starting; // 10
    }
    if any(candidates, Status::Started) {
        return Status::Started; // 11
    }
    if any(candidates, Status::Delayed) {
        return Status::Delayed;
    }
    Status::Error // 12
}
