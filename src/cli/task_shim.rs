//! `pxfw __task-shim`: the parent of one task's process, started by `pxfw agent` (not for direct use;
//! see `agent::shim`).

use std::path::PathBuf;

use clap::Args;

/// Arguments of the hidden `__task-shim` command.
#[derive(Debug, Args)]
pub struct TaskShimArgs {
    /// The task's sandbox, holding its launch record.
    #[arg(long, value_name = "DIR")]
    pub sandbox: PathBuf,
}

pub fn run(args: TaskShimArgs) -> anyhow::Result<()> {
    match crate::agent::shim::run(&args.sandbox) {
        0 => Ok(()),
        _ => Err(anyhow::anyhow!(
            "the task in {} did not run to a recorded end; see its .pxfw-shim.log",
            args.sandbox.display()
        )),
    }
}
