//! Placement constraints: parsing and evaluating any text must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pxfw::spec::constraint::{Node, PlacementRule};

fuzz_target!(|text: &str| {
    if let Ok(rule) = PlacementRule::parse(text) {
        let node = |host: &str, zone: &str| Node {
            hostname: host.to_owned(),
            zone: Some(zone.to_owned()),
            region: None,
            attributes: [("rack".to_owned(), "r1".to_owned())].into_iter().collect(),
        };
        let placed = [node("a", "z1"), node("b", "z2")];
        let _ = rule.evaluate(&node("a", "z2"), &placed);
        let _ = PlacementRule::parse(&rule.to_string());
    }
});
