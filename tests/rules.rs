//! Every rule of every shipped pack proves itself with its own examples.

use reportlint::{Engine, Pack};

#[test]
fn every_rule_example_behaves_as_declared() {
    let engine = Engine::new(Pack::builtin());
    let failures: Vec<String> = engine
        .run_examples()
        .iter()
        .map(|f| {
            let found: Vec<&str> = f.findings.iter().map(|x| x.message.as_str()).collect();
            format!("{} {}[{}]: {:?}", f.rule, f.which.0, f.which.1, found)
        })
        .collect();
    assert!(
        failures.is_empty(),
        "示例不符合声明：\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_both_kinds_of_example() {
    for pack in Pack::builtin() {
        for rule in &pack.rules {
            assert!(!rule.examples.pass.is_empty(), "{}", rule.full_id);
            assert!(!rule.examples.fail.is_empty(), "{}", rule.full_id);
        }
    }
}
