//! Arbitrary input never panics the spec parser, the template path or the constraint language,
//! and constraint evaluation is a pure function of its inputs.

use proptest::prelude::*;
use pxfw::api::topology::Topology as Node;
use pxfw::spec::constraint::PlacementRule;
use pxfw::spec::count::count_mapping;
use pxfw::spec::{Env, load, load_rendered};

/// YAML-ish text built from svc.yml vocabulary, so the parser gets past the first line.
fn yamlish() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "name: ",
        "pods:",
        "  node:",
        "    count: ",
        "    tasks:",
        "      server:",
        "        goal: ",
        "RUNNING",
        "        cmd: x",
        "        cpus: ",
        "        memory: ",
        "    volume:",
        "      type: ",
        "DOCKER",
        "ROOT",
        "      size: ",
        "      path: p",
        "    placement: ",
        "plans:",
        "  deploy:",
        "    phases:",
        "      p:",
        "        pod: node",
        "        steps:",
        "          - 0: [[server]]",
        "          - default: []",
        "1",
        "-1",
        "abc",
        "[",
        "]",
        "{",
        "}",
        ":",
        "'",
        "\"",
        "\t",
        "{{X}}",
        "{{#S}}",
        "{{/S}}",
        "\n",
        "\n",
        "\n",
        "hostname:MAX_PER:1",
        "&a",
        "*a",
        "? ",
    ]);
    prop::collection::vec(token, 0..60).prop_map(|t| t.concat())
}

fn constraint_text() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "hostname",
        "@zone",
        "@region",
        "rack",
        ":",
        ",",
        "\\",
        "UNIQUE",
        "MAX_PER",
        "max_per",
        "GROUP_BY",
        "LIKE",
        "UNLIKE",
        "CLUSTER",
        "IS",
        "1",
        "-3",
        "99999999999",
        "[",
        "]",
        "\"",
        "(",
        ".*",
        " ",
        "x",
    ]);
    prop::collection::vec(token, 0..20).prop_map(|t| t.concat())
}

fn node(host: u8, zone: u8, rack: Option<u8>) -> Node {
    Node {
        hostname: format!("h{host}"),
        zone: Some(format!("z{zone}")),
        region: None,
        rack: None,
        attributes: rack
            .map(|r| ("rack".to_owned(), format!("r{r}")))
            .into_iter()
            .collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn spec_parser_never_panics_on_any_string(s in any::<String>()) {
        let _ = load_rendered(&s);
        let _ = load(&s, &Env::new());
    }

    #[test]
    fn spec_parser_never_panics_on_any_bytes(b in prop::collection::vec(any::<u8>(), 0..512)) {
        let s = String::from_utf8_lossy(&b);
        let _ = load_rendered(&s);
    }

    #[test]
    fn spec_parser_never_panics_on_yamlish_text(s in yamlish()) {
        let _ = load_rendered(&s);
        let _ = load(&s, &Env::from([("X".to_owned(), "1".to_owned())]));
        let _ = count_mapping(&s, "{\"env\": {}}");
    }

    #[test]
    fn constraint_parser_never_panics(s in any::<String>()) {
        let _ = PlacementRule::parse(&s);
    }

    #[test]
    fn constraint_language_never_panics_and_round_trips(s in constraint_text()) {
        if let Ok(rule) = PlacementRule::parse(&s) {
            // The canonical text parses back to the same canonical text.
            let again = PlacementRule::parse(&rule.to_string());
            prop_assert!(again.is_ok(), "{} -> {}", s, rule);
            prop_assert_eq!(again.unwrap().to_string(), rule.to_string());
            let placed = vec![node(1, 1, Some(1)), node(2, 1, None)];
            let _ = rule.evaluate(&node(1, 2, Some(2)), &placed);
        }
    }

    #[test]
    fn max_per_admits_exactly_below_the_limit(
        limit in 0u32..5,
        hosts in prop::collection::vec(0u8..4, 0..12),
        candidate in 0u8..4,
    ) {
        let rule = PlacementRule::parse(&format!("hostname:MAX_PER:{limit}")).unwrap();
        let placed: Vec<Node> = hosts.iter().map(|h| node(*h, 0, None)).collect();
        let here = hosts.iter().filter(|h| **h == candidate).count() as u32;
        prop_assert_eq!(rule.evaluate(&node(candidate, 0, None), &placed).is_ok(), here < limit);
    }
}
