//! Waiting for a service's rollout plan, shared by `install --wait`, `scale --wait`, `update start --wait`.
//!
//! The scheduler answers `GET /service/<svc>/v1/plans/<plan>` with 200 when complete, 202 in progress and
//! 417 with errors; while a new scheduler starts, Admin Router answers 404/502/503, which only mean "not yet".

use std::time::{Duration, Instant};

use anyhow::anyhow;
use serde_json::Value;

use super::exit::Exit;
use crate::cluster::http::{HttpClient, Req};
use crate::output;

/// How often the plan is polled.
const POLL: Duration = Duration::from_millis(500);

/// Counts of a plan's steps, for a progress bar.
fn step_counts(plan: &Value) -> (u64, u64) {
    let mut total = 0;
    let mut done = 0;
    for phase in plan
        .get("phases")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        for step in phase
            .get("steps")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            total += 1;
            if step.get("status").and_then(Value::as_str) == Some("COMPLETE") {
                done += 1;
            }
        }
    }
    (done, total)
}

/// Polls the plan until it is COMPLETE (Ok), has errors (exit 1 with the errors), or `timeout` passes
/// (exit 124). A progress bar shows completed steps on a terminal.
pub async fn plan_complete(
    http: &HttpClient,
    service: &str,
    plan: &str,
    timeout: Duration,
) -> anyhow::Result<Value> {
    let path = format!("/service/{service}/v1/plans/{plan}");
    let deadline = Instant::now() + timeout;
    let bar = output::progress(0, format!("{service} {plan}"));
    let mut last_state;
    loop {
        match http.send(Req::get(&path)).await {
            Ok(resp) => match resp.status {
                200 | 202 | 417 => {
                    let plan_json: Value = resp.json()?;
                    let (done, total) = step_counts(&plan_json);
                    bar.set_length(total);
                    bar.set_position(done);
                    let status = plan_json
                        .get("status")
                        .and_then(Value::as_str)
                        .unwrap_or("UNKNOWN")
                        .to_string();
                    if resp.status == 417 || status == "ERROR" {
                        bar.abandon();
                        let errors: Vec<String> = plan_json
                            .get("errors")
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                            .map(|e| format!("- {e}"))
                            .collect();
                        return Err(anyhow!(
                            "the {plan} plan of {service} has errors:\n{}",
                            errors.join("\n")
                        ));
                    }
                    if status == "COMPLETE" {
                        bar.finish();
                        return Ok(plan_json);
                    }
                    last_state = format!("{status}, {done}/{total} steps complete");
                }
                // Not up yet (Admin Router has no route, or the scheduler is restarting).
                404 | 502 | 503 | 504 => {
                    last_state = format!("scheduler not answering yet (HTTP {})", resp.status)
                }
                _ => {
                    return Err(crate::cluster::http::unexpected_status(
                        &resp,
                        &format!("reading the {plan} plan"),
                    ));
                }
            },
            // A scheduler restarting may drop connections; only a lasting failure matters, and the deadline
            // bounds that.
            Err(crate::cluster::http::HttpError::Connect { .. }) => {
                last_state = "cannot connect".into()
            }
            Err(e) => return Err(e.into()),
        }
        if Instant::now() >= deadline {
            bar.abandon();
            return Err(Exit::timeout(format!(
                "timed out after {} waiting for the {plan} plan of {service} ({last_state}); `pxfw plan status {plan} --name {service}` shows where it is",
                humantime::format_duration(timeout)
            ))
            .into());
        }
        tokio::time::sleep(POLL).await;
    }
}
