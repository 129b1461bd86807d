//! Building blocks of consistent service snapshots (issue 9), kept free of the control plane so the
//! orchestration that uses them stays thin:
//!
//! * [`profile`]: which pre / pre-background / post hooks a known framework needs (pure data), how
//!   operator-given hooks override them, and the text `snapshot create --dry-run` shows.
//! * [`background`]: the `${WAIT_CMD}` protocol by which a background pre hook holds a lock (e.g. a read
//!   lock) until the cut is taken and is then released.
//! * [`freeze`]: stops and resumes a set of process groups around the cut on the local driver, and
//!   measures the freeze window.
//!
//! * [`hooks`]: runs a hook in a task's context on this machine and records its output.
//! * [`orchestrate`]: the embedded mode's create / restore / clone of a whole service.
//! * [`dcos`]: the DC/OS mode: volumes from the scheduler's target configuration, the cut through
//!   Portworx, hooks through a plan of the service.
//! * [`dcos_restore`]: the DC/OS mode's restore (pause the pods, restore, resume) and clone (volumes
//!   cloned under new names, then the package installed through Cosmos).
//!
//! The cut itself is [`crate::volume::VolumeDriver::snapshot_group`].

pub mod background;
pub mod dcos;
pub mod dcos_restore;
pub mod freeze;
pub mod hooks;
pub mod orchestrate;
pub mod profile;
