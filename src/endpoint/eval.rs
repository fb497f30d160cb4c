//! Evaluation of a loaded rule set for one set of inputs.
//!
//! Semantics, as botocore's `EndpointProvider` has them: rules are tried in order; a rule
//! matches when each condition's result is set and not `false` (a condition with `assign`
//! binds its result for the rules below it); a tree rule none of whose rules match falls
//! through to its next sibling, dropping what its conditions bound. Every function except
//! `isSet` is unset when one of its arguments is unset; an argument of the wrong type is an
//! evaluation error.

use super::functions;
use super::params::EndpointParams;
use super::partitions::Partitions;
use super::rules::{Action, BuiltIn, Call, Expr, Func, Path, Piece, Rule, RuleSet, Step};
use super::url;
use serde_json::Value;
use std::borrow::Cow;

/// What the rule set decided.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Outcome {
    /// An endpoint rule matched: the URL.
    Endpoint(String),
    /// An error rule matched: its message.
    Error(String),
}

/// Variables in scope: the parameters, then what conditions bound, innermost last.
type Scope<'r> = Vec<(&'r str, Value)>;

/// Evaluates `rules` for `params`; `Err` when the rule set itself misbehaves (a type error,
/// no rule matching).
pub(super) fn evaluate(
    rules: &RuleSet,
    partitions: &Partitions,
    params: &EndpointParams,
) -> Result<Outcome, String> {
    let mut scope = Scope::new();
    for param in &rules.params {
        let given = param.built_in.and_then(|b| built_in_value(b, params));
        match given.or_else(|| param.default.clone()) {
            Some(value) => scope.push((&param.name, value)),
            None if param.required => {
                return Err(format!("the required parameter {} is not set", param.name));
            }
            None => {}
        }
    }
    Evaluator { partitions }
        .rules(&rules.rules, &mut scope)?
        .ok_or_else(|| "no rule matched".to_owned())
}

fn built_in_value(built_in: BuiltIn, params: &EndpointParams) -> Option<Value> {
    match built_in {
        BuiltIn::Region => params.region.map(Value::from),
        BuiltIn::UseFips => Some(Value::Bool(params.use_fips)),
        BuiltIn::UseDualStack => Some(Value::Bool(params.use_dualstack)),
        BuiltIn::Endpoint => params.endpoint.map(Value::from),
    }
}

struct Evaluator<'p> {
    partitions: &'p Partitions,
}

impl<'p> Evaluator<'p> {
    fn rules<'r>(
        &self,
        rules: &'r [Rule],
        scope: &mut Scope<'r>,
    ) -> Result<Option<Outcome>, String> {
        for rule in rules {
            let mark = scope.len();
            if self.conditions_hold(&rule.conditions, scope)? {
                let outcome = match &rule.action {
                    Action::Endpoint(url) => Some(Outcome::Endpoint(self.string(
                        url,
                        scope,
                        "an endpoint URL",
                    )?)),
                    Action::Error(message) => Some(Outcome::Error(self.string(
                        message,
                        scope,
                        "an error message",
                    )?)),
                    Action::Tree(inner) => self.rules(inner, scope)?,
                };
                if outcome.is_some() {
                    return Ok(outcome);
                }
            }
            scope.truncate(mark);
        }
        Ok(None)
    }

    fn conditions_hold<'r>(
        &self,
        conditions: &'r [Call],
        scope: &mut Scope<'r>,
    ) -> Result<bool, String> {
        for condition in conditions {
            match self.call(condition, scope)?.map(Cow::into_owned) {
                None | Some(Value::Bool(false)) => return Ok(false),
                Some(value) => {
                    if let Some(name) = &condition.assign {
                        scope.push((name, value));
                    }
                }
            }
        }
        Ok(true)
    }

    fn string(&self, expr: &Expr, scope: &Scope, what: &str) -> Result<String, String> {
        match self.eval(expr, scope)?.as_deref() {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(other) => Err(format!("{what} is not a string: {other}")),
            None => Err(format!("{what} is not set")),
        }
    }

    fn eval<'s>(&self, expr: &Expr, scope: &'s Scope) -> Result<Option<Cow<'s, Value>>, String>
    where
        'p: 's,
    {
        Ok(match expr {
            Expr::Bool(b) => Some(Cow::Owned(Value::Bool(*b))),
            Expr::Int(i) => Some(Cow::Owned(Value::from(*i))),
            Expr::Template(pieces) => Some(Cow::Owned(Value::String(render(pieces, scope)?))),
            Expr::Ref(name) => lookup(scope, name).map(Cow::Borrowed),
            Expr::Call(call) => self.call(call, scope)?,
            Expr::Array(items) => {
                let mut values = Vec::with_capacity(items.len());
                for item in items {
                    values.push(self.eval(item, scope)?.map_or(Value::Null, Cow::into_owned));
                }
                Some(Cow::Owned(Value::Array(values)))
            }
        })
    }

    fn call<'s>(&self, call: &Call, scope: &'s Scope) -> Result<Option<Cow<'s, Value>>, String>
    where
        'p: 's,
    {
        let mut args = Vec::with_capacity(call.args.len());
        for arg in &call.args {
            match self.eval(arg, scope)? {
                Some(value) => args.push(value),
                // isSet answers false for an unset argument; every other function is unset.
                None => {
                    return Ok((call.func == Func::IsSet).then_some(Cow::Owned(Value::Bool(false))));
                }
            }
        }
        let func = &call.func;
        let boolean = |i: usize| typed(func, &args, i, "boolean", Value::as_bool);
        let string = |i: usize| typed(func, &args, i, "string", Value::as_str);
        let integer = |i: usize| typed(func, &args, i, "integer", Value::as_i64);
        let owned = |value: Value| Ok(Some(Cow::Owned(value)));
        match func {
            Func::IsSet => owned(Value::Bool(true)),
            Func::Not => owned(Value::Bool(!boolean(0)?)),
            Func::BooleanEquals => owned(Value::Bool(boolean(0)? == boolean(1)?)),
            Func::StringEquals => owned(Value::Bool(string(0)? == string(1)?)),
            Func::GetAttr(path) => Ok(match args.swap_remove(0) {
                Cow::Borrowed(target) => get_attr(target, path).map(Cow::Borrowed),
                Cow::Owned(target) => get_attr(&target, path).cloned().map(Cow::Owned),
            }),
            Func::Partition => Ok(Some(Cow::Borrowed(self.partitions.lookup(string(0)?)))),
            Func::IsValidHostLabel => owned(Value::Bool(functions::is_valid_host_label(
                string(0)?,
                boolean(1)?,
            ))),
            Func::ParseUrl => Ok(url::parse(string(0)?)
                .ok()
                .map(|u| Cow::Owned(u.to_value()))),
            Func::Substring => {
                Ok(
                    functions::substring(string(0)?, integer(1)?, integer(2)?, boolean(3)?)
                        .map(|s| Cow::Owned(Value::from(s))),
                )
            }
            Func::UriEncode => owned(Value::String(functions::uri_encode(string(0)?))),
        }
    }
}

/// Argument `i` of `func` as a `kind`, or an error naming the function and the argument.
fn typed<'v, T>(
    func: &Func,
    args: &'v [Cow<Value>],
    i: usize,
    kind: &str,
    get: impl Fn(&'v Value) -> Option<T>,
) -> Result<T, String> {
    let value: &'v Value = &args[i];
    get(value).ok_or_else(|| {
        format!(
            "argument {} of {} is not a {kind}: {value}",
            i + 1,
            func.name()
        )
    })
}

fn lookup<'s>(scope: &'s Scope, name: &str) -> Option<&'s Value> {
    scope.iter().rev().find(|(n, _)| *n == name).map(|(_, v)| v)
}

/// Follows `path` into `value`; a missing key or index, or a JSON null, is unset.
fn get_attr<'v>(value: &'v Value, path: &Path) -> Option<&'v Value> {
    let mut at = value;
    for step in &path.0 {
        at = match step {
            Step::Key(key) => at.get(key.as_str())?,
            Step::Index(index) => at.get(*index)?,
        };
    }
    (!at.is_null()).then_some(at)
}

fn render(pieces: &[Piece], scope: &Scope) -> Result<String, String> {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Var { name, path } => {
                let value = lookup(scope, name).and_then(|v| get_attr(v, path));
                match value {
                    Some(Value::String(s)) => out.push_str(s),
                    Some(other) => {
                        return Err(format!(
                            "the template variable {name} is not a string: {other}"
                        ));
                    }
                    None => return Err(format!("the template variable {name} is not set")),
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARTITIONS: &str = r#"{"partitions":[
        {"id":"aws","regionRegex":"^(us|eu)-\\w+-\\d+$","regions":{"us-east-1":{}},
         "outputs":{"dnsSuffix":"amazonaws.com","supportsFIPS":true,"list":["x","y"]}},
        {"id":"aws-cn","regionRegex":"^cn-\\w+-\\d+$","regions":{},
         "outputs":{"dnsSuffix":"amazonaws.com.cn","supportsFIPS":false}}]}"#;

    const PARAMS: &str = r#"{
        "Region":{"builtIn":"AWS::Region","type":"string"},
        "UseFIPS":{"builtIn":"AWS::UseFIPS","type":"boolean","required":true,"default":false},
        "UseDualStack":{"builtIn":"AWS::UseDualStack","type":"boolean","required":true,"default":false},
        "Endpoint":{"builtIn":"SDK::Endpoint","type":"string"},
        "Flavor":{"type":"string","default":"plain"}}"#;

    fn run(rules: &str, region: Option<&str>, use_fips: bool) -> Result<Outcome, String> {
        let set =
            RuleSet::from_json(&format!(r#"{{"parameters":{PARAMS},"rules":{rules}}}"#)).unwrap();
        let partitions = Partitions::from_json(PARTITIONS).unwrap();
        let params = EndpointParams {
            region,
            use_fips,
            use_dualstack: false,
            endpoint: None,
        };
        evaluate(&set, &partitions, &params)
    }

    fn endpoint(url: &str) -> Result<Outcome, String> {
        Ok(Outcome::Endpoint(url.to_owned()))
    }

    const REGIONAL: &str = r#"[
        {"conditions":[{"fn":"isSet","argv":[{"ref":"Region"}]},
                       {"fn":"aws.partition","argv":[{"ref":"Region"}],"assign":"P"}],
         "type":"tree","rules":[
            {"conditions":[{"fn":"booleanEquals","argv":[{"ref":"UseFIPS"},true]},
                           {"fn":"booleanEquals","argv":[{"fn":"getAttr","argv":[{"ref":"P"},"supportsFIPS"]},false]}],
             "type":"error","error":"no FIPS in {Region}"},
            {"conditions":[{"fn":"booleanEquals","argv":[{"ref":"UseFIPS"},true]}],
             "type":"endpoint","endpoint":{"url":"https://svc-fips.{Region}.{P#dnsSuffix}"}},
            {"conditions":[],"type":"endpoint","endpoint":{"url":"https://svc.{Region}.{P#dnsSuffix}"}}]},
        {"conditions":[],"type":"error","error":"Missing Region"}]"#;

    #[test]
    fn regional_rules_pick_endpoint_or_error() {
        assert_eq!(
            run(REGIONAL, Some("us-east-1"), false),
            endpoint("https://svc.us-east-1.amazonaws.com")
        );
        assert_eq!(
            run(REGIONAL, Some("eu-x-1"), true),
            endpoint("https://svc-fips.eu-x-1.amazonaws.com")
        );
        assert_eq!(
            run(REGIONAL, Some("cn-x-1"), false),
            endpoint("https://svc.cn-x-1.amazonaws.com.cn")
        );
        assert_eq!(
            run(REGIONAL, Some("cn-x-1"), true),
            Ok(Outcome::Error("no FIPS in cn-x-1".into()))
        );
        assert_eq!(
            run(REGIONAL, None, false),
            Ok(Outcome::Error("Missing Region".into()))
        );
    }

    #[test]
    fn an_exhausted_tree_falls_through_and_forgets_its_bindings() {
        let rules = r#"[
            {"conditions":[{"fn":"aws.partition","argv":["us-east-1"],"assign":"P"}],"type":"tree",
             "rules":[{"conditions":[{"fn":"stringEquals","argv":[{"ref":"Flavor"},"spicy"]}],
                       "type":"error","error":"never"}]},
            {"conditions":[{"fn":"isSet","argv":[{"ref":"P"}]}],"type":"error","error":"leaked"},
            {"conditions":[],"type":"endpoint","endpoint":{"url":"https://{Flavor}.example"}}]"#;
        assert_eq!(run(rules, None, false), endpoint("https://plain.example"));
    }

    #[test]
    fn no_matching_rule_is_an_evaluation_error() {
        let rules = r#"[{"conditions":[{"fn":"isSet","argv":[{"ref":"Region"}]}],"type":"error","error":"x"}]"#;
        assert_eq!(run(rules, None, false), Err("no rule matched".into()));
    }

    #[test]
    fn unset_arguments_make_functions_unset() {
        let rules = r#"[
            {"conditions":[{"fn":"not","argv":[{"fn":"stringEquals","argv":[{"ref":"Region"},"x"]}]}],
             "type":"error","error":"reached"},
            {"conditions":[],"type":"error","error":"skipped"}]"#;
        assert_eq!(
            run(rules, None, false),
            Ok(Outcome::Error("skipped".into()))
        );
        assert_eq!(
            run(rules, Some("y"), false),
            Ok(Outcome::Error("reached".into()))
        );
    }

    #[test]
    fn wrong_argument_types_are_evaluation_errors() {
        let rules = r#"[{"conditions":[{"fn":"stringEquals","argv":[{"ref":"UseFIPS"},"x"]}],"type":"error","error":"e"}]"#;
        let err = run(rules, None, false).unwrap_err();
        assert_eq!(err, "argument 1 of stringEquals is not a string: false");
        let rules =
            r#"[{"conditions":[],"type":"endpoint","endpoint":{"url":"https://{UseFIPS}"}}]"#;
        let err = run(rules, None, false).unwrap_err();
        assert_eq!(err, "the template variable UseFIPS is not a string: false");
        let rules = r#"[{"conditions":[],"type":"endpoint","endpoint":{"url":"https://{Nope}"}}]"#;
        assert_eq!(
            run(rules, None, false).unwrap_err(),
            "the template variable Nope is not set"
        );
        let rules = r#"[{"conditions":[],"type":"endpoint","endpoint":{"url":{"ref":"UseFIPS"}}}]"#;
        assert_eq!(
            run(rules, None, false).unwrap_err(),
            "an endpoint URL is not a string: false"
        );
    }

    #[test]
    fn get_attr_follows_keys_and_indexes() {
        let rules = r#"[
            {"conditions":[{"fn":"getAttr","argv":[{"fn":"aws.partition","argv":["us-east-1"]},"list[1]"],"assign":"Y"},
                           {"fn":"getAttr","argv":[{"fn":"aws.partition","argv":["us-east-1"]},"list[2]"],"assign":"Z"}],
             "type":"error","error":"out of range"},
            {"conditions":[{"fn":"aws.partition","argv":["us-east-1"],"assign":"P"},
                           {"fn":"getAttr","argv":[{"ref":"P"},"list[1]"],"assign":"Y"}],
             "type":"endpoint","endpoint":{"url":"https://{Y}.{P#list[0]}.{P#name}"}}]"#;
        assert_eq!(run(rules, None, false), endpoint("https://y.x.aws"));
    }

    #[test]
    fn string_functions_work_inside_rules() {
        let rules = r#"[
            {"conditions":[{"fn":"parseURL","argv":["http://10.1.2.3:80/a"],"assign":"U"},
                           {"fn":"booleanEquals","argv":[{"fn":"getAttr","argv":[{"ref":"U"},"isIp"]},true]},
                           {"fn":"isValidHostLabel","argv":[{"ref":"Region"},false]},
                           {"fn":"substring","argv":[{"ref":"Region"},0,2,false],"assign":"S"},
                           {"fn":"uriEncode","argv":["a b"],"assign":"E"}],
             "type":"endpoint","endpoint":{"url":"{U#scheme}://{U#authority}{U#normalizedPath}{S}/{E}"}},
            {"conditions":[],"type":"error","error":"no"}]"#;
        assert_eq!(
            run(rules, Some("us-east-1"), false),
            endpoint("http://10.1.2.3:80/a/us/a%20b")
        );
        assert_eq!(
            run(rules, Some("not valid"), false),
            Ok(Outcome::Error("no".into()))
        );
    }

    #[test]
    fn required_parameters_must_be_set() {
        let set = RuleSet::from_json(
            r#"{"parameters":{"Region":{"builtIn":"AWS::Region","type":"string","required":true}},"rules":[]}"#,
        )
        .unwrap();
        let partitions = Partitions::from_json(PARTITIONS).unwrap();
        let err = evaluate(&set, &partitions, &EndpointParams::default()).unwrap_err();
        assert_eq!(err, "the required parameter Region is not set");
    }
}
