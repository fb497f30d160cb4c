//! The endpoint rule set's JSON (Smithy rules engine format), loaded into a typed tree.
//!
//! Everything that can be checked without inputs is checked here, once: rule shapes, known
//! functions and their arity, parameter types, template and attribute-path syntax. A rule set
//! that uses a function this evaluator does not know is refused with a message naming it.

use serde_json::{Map, Value};

/// A loaded rule set: its parameters and its top-level rules.
#[derive(Debug)]
pub(super) struct RuleSet {
    pub(super) params: Vec<Param>,
    pub(super) rules: Vec<Rule>,
}

/// The SDK settings a parameter can be bound to (`builtIn`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BuiltIn {
    /// `AWS::Region`.
    Region,
    /// `AWS::UseFIPS`.
    UseFips,
    /// `AWS::UseDualStack`.
    UseDualStack,
    /// `SDK::Endpoint`.
    Endpoint,
}

/// One parameter of the rule set.
#[derive(Debug)]
pub(super) struct Param {
    pub(super) name: String,
    /// `None` for built-ins this library does not provide (the parameter is then unset).
    pub(super) built_in: Option<BuiltIn>,
    pub(super) default: Option<Value>,
    pub(super) required: bool,
}

/// A rule: conditions, and what happens when they all hold.
#[derive(Debug)]
pub(super) struct Rule {
    pub(super) conditions: Vec<Call>,
    pub(super) action: Action,
}

/// What a matching rule does.
#[derive(Debug)]
pub(super) enum Action {
    /// Resolve to this URL.
    Endpoint(Expr),
    /// Fail with this message.
    Error(Expr),
    /// Go on with these rules.
    Tree(Vec<Rule>),
}

/// A function call, optionally binding its result to a name for the rules below it.
#[derive(Debug, PartialEq)]
pub(super) struct Call {
    pub(super) func: Func,
    pub(super) args: Vec<Expr>,
    pub(super) assign: Option<String>,
}

/// The functions of the rules engine's standard library (and `aws.partition`).
#[derive(Debug, PartialEq)]
pub(super) enum Func {
    IsSet,
    Not,
    BooleanEquals,
    StringEquals,
    /// `getAttr`; its literal path argument is parsed at load time and kept here.
    GetAttr(Path),
    Partition,
    IsValidHostLabel,
    ParseUrl,
    Substring,
    UriEncode,
}

impl Func {
    /// The function's name in the rule set, for messages.
    pub(super) fn name(&self) -> &'static str {
        match self {
            Func::IsSet => "isSet",
            Func::Not => "not",
            Func::BooleanEquals => "booleanEquals",
            Func::StringEquals => "stringEquals",
            Func::GetAttr(_) => "getAttr",
            Func::Partition => "aws.partition",
            Func::IsValidHostLabel => "isValidHostLabel",
            Func::ParseUrl => "parseURL",
            Func::Substring => "substring",
            Func::UriEncode => "uriEncode",
        }
    }
}

/// An argument or a result expression.
#[derive(Debug, PartialEq)]
pub(super) enum Expr {
    Bool(bool),
    Int(i64),
    /// Every string literal is a template (`"https://x.{Region}"`, escapes `{{` and `}}`).
    Template(Vec<Piece>),
    Ref(String),
    Call(Box<Call>),
    Array(Vec<Expr>),
}

/// A piece of a template: literal text, or `{Name}` / `{Name#path}`.
#[derive(Debug, PartialEq)]
pub(super) enum Piece {
    Text(String),
    Var { name: String, path: Path },
}

/// A `getAttr` path such as `dnsSuffix`, `a.b` or `list[0]`; empty means the value itself.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Path(pub(super) Vec<Step>);

/// One step of a [`Path`].
#[derive(Debug, PartialEq)]
pub(super) enum Step {
    Key(String),
    Index(usize),
}

impl RuleSet {
    /// Loads a rule set from its JSON text.
    pub(super) fn from_json(text: &str) -> Result<RuleSet, String> {
        let root: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let root = object(&root, "the rule set")?;
        let params = match root.get("parameters") {
            Some(p) => object(p, "parameters")?
                .iter()
                .map(|(name, spec)| param(name, spec))
                .collect::<Result<_, _>>()?,
            None => Vec::new(),
        };
        let rules = rule_list(root.get("rules"), "rules")?;
        Ok(RuleSet { params, rules })
    }
}

fn object<'v>(value: &'v Value, what: &str) -> Result<&'v Map<String, Value>, String> {
    value
        .as_object()
        .ok_or_else(|| format!("{what} is not an object"))
}

fn string<'v>(value: Option<&'v Value>, what: &str) -> Result<&'v str, String> {
    value
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{what} is not a string"))
}

fn param(name: &str, spec: &Value) -> Result<Param, String> {
    let what = format!("parameter {name}");
    let spec = object(spec, &what)?;
    let kind = string(spec.get("type"), &format!("the type of {what}"))?.to_ascii_lowercase();
    let type_ok = |v: &Value| match kind.as_str() {
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "stringarray" => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
        _ => false,
    };
    if !["string", "boolean", "stringarray"].contains(&kind.as_str()) {
        return Err(format!("{what} has the unknown type {kind:?}"));
    }
    let built_in = match spec.get("builtIn").and_then(Value::as_str) {
        Some("AWS::Region") => Some((BuiltIn::Region, "string")),
        Some("AWS::UseFIPS") => Some((BuiltIn::UseFips, "boolean")),
        Some("AWS::UseDualStack") => Some((BuiltIn::UseDualStack, "boolean")),
        Some("SDK::Endpoint") => Some((BuiltIn::Endpoint, "string")),
        _ => None,
    };
    if let Some((_, expected)) = built_in {
        if kind != expected {
            return Err(format!(
                "{what} is bound to a {expected} setting but has type {kind}"
            ));
        }
    }
    let default = spec.get("default").cloned();
    if let Some(d) = &default {
        if !type_ok(d) {
            return Err(format!("the default of {what} is not a {kind}"));
        }
    }
    let required = spec
        .get("required")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if required && default.is_none() && built_in.is_none() {
        return Err(format!(
            "{what} is required but has no default and no setting to come from"
        ));
    }
    Ok(Param {
        name: name.to_owned(),
        built_in: built_in.map(|(b, _)| b),
        default,
        required,
    })
}

fn rule_list(value: Option<&Value>, what: &str) -> Result<Vec<Rule>, String> {
    value
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{what} is not a list"))?
        .iter()
        .map(rule)
        .collect()
}

fn rule(value: &Value) -> Result<Rule, String> {
    let spec = object(value, "a rule")?;
    let conditions = match spec.get("conditions") {
        Some(list) => list
            .as_array()
            .ok_or("the conditions of a rule are not a list")?
            .iter()
            .map(call)
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    let action = match spec.get("type").and_then(Value::as_str) {
        Some("endpoint") => {
            let endpoint = object(spec.get("endpoint").unwrap_or(&Value::Null), "an endpoint")?;
            Action::Endpoint(expr(endpoint.get("url").ok_or("an endpoint has no url")?)?)
        }
        Some("error") => Action::Error(expr(
            spec.get("error").ok_or("an error rule has no message")?,
        )?),
        Some("tree") => Action::Tree(rule_list(spec.get("rules"), "the rules of a tree rule")?),
        other => return Err(format!("a rule has the unknown type {other:?}")),
    };
    Ok(Rule { conditions, action })
}

fn call(value: &Value) -> Result<Call, String> {
    let spec = object(value, "a function call")?;
    let name = string(spec.get("fn"), "the fn of a function call")?;
    let argv = spec
        .get("argv")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("the argv of {name} is not a list"))?;
    let (func, arity) = match name {
        "isSet" => (Func::IsSet, 1),
        "not" => (Func::Not, 1),
        "booleanEquals" => (Func::BooleanEquals, 2),
        "stringEquals" => (Func::StringEquals, 2),
        "getAttr" => {
            let path = string(argv.get(1), "the path argument of getAttr")?;
            (Func::GetAttr(parse_path(path)?), 2)
        }
        "aws.partition" => (Func::Partition, 1),
        "isValidHostLabel" => (Func::IsValidHostLabel, 2),
        "parseURL" => (Func::ParseUrl, 1),
        "substring" => (Func::Substring, 4),
        "uriEncode" => (Func::UriEncode, 1),
        other => {
            return Err(format!(
                "the rule set uses the unsupported function {other:?}"
            ));
        }
    };
    if argv.len() != arity {
        return Err(format!(
            "{name} takes {arity} arguments, not {}",
            argv.len()
        ));
    }
    // getAttr's path is already in `func`; only its target is evaluated.
    let evaluated = if matches!(func, Func::GetAttr(_)) {
        &argv[..1]
    } else {
        &argv[..]
    };
    let args = evaluated.iter().map(expr).collect::<Result<_, _>>()?;
    let assign = match spec.get("assign") {
        Some(a) => Some(string(Some(a), "the assign of a function call")?.to_owned()),
        None => None,
    };
    Ok(Call { func, args, assign })
}

fn expr(value: &Value) -> Result<Expr, String> {
    match value {
        Value::Bool(b) => Ok(Expr::Bool(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(Expr::Int)
            .ok_or_else(|| format!("the number {n} is not an integer")),
        Value::String(s) => Ok(Expr::Template(parse_template(s)?)),
        Value::Array(items) => Ok(Expr::Array(
            items.iter().map(expr).collect::<Result<_, _>>()?,
        )),
        Value::Object(map) if map.contains_key("ref") => {
            Ok(Expr::Ref(string(map.get("ref"), "a ref")?.to_owned()))
        }
        Value::Object(map) if map.contains_key("fn") => Ok(Expr::Call(Box::new(call(value)?))),
        other => Err(format!("{other} is not an expression")),
    }
}

/// Parses a template string: `{Name}` and `{Name#path}` insert values, `{{` and `}}` are braces.
pub(super) fn parse_template(text: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        literal.push_str(&rest[..at]);
        let brace = &rest[at..];
        if brace.starts_with("{{") || brace.starts_with("}}") {
            literal.push_str(&brace[..1]);
            rest = &brace[2..];
        } else if brace.starts_with('}') {
            return Err(format!("unmatched '}}' in the template {text:?}"));
        } else {
            let end = brace
                .find('}')
                .ok_or_else(|| format!("unclosed '{{' in the template {text:?}"))?;
            let inner = &brace[1..end];
            let (name, path) = match inner.split_once('#') {
                Some((name, path)) => (name, parse_path(path)?),
                None => (inner, Path::default()),
            };
            if !is_identifier(name) {
                return Err(format!("bad variable {inner:?} in the template {text:?}"));
            }
            if !literal.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut literal)));
            }
            pieces.push(Piece::Var {
                name: name.to_owned(),
                path,
            });
            rest = &brace[end + 1..];
        }
    }
    literal.push_str(rest);
    if !literal.is_empty() || pieces.is_empty() {
        pieces.push(Piece::Text(literal));
    }
    Ok(pieces)
}

/// Parses a `getAttr` path: names separated by `.`, each optionally followed by `[index]`.
pub(super) fn parse_path(text: &str) -> Result<Path, String> {
    let bad = || format!("bad attribute path {text:?}");
    let mut steps = Vec::new();
    for part in text.split('.') {
        let (name, index) = match part.split_once('[') {
            Some((name, tail)) => {
                let digits = tail.strip_suffix(']').ok_or_else(bad)?;
                let index = (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| digits.parse::<usize>().ok())
                    .flatten()
                    .ok_or_else(bad)?;
                (name, Some(index))
            }
            None => (part, None),
        };
        if !name.is_empty() {
            if !is_identifier(name) {
                return Err(bad());
            }
            steps.push(Step::Key(name.to_owned()));
        } else if index.is_none() {
            return Err(bad());
        }
        steps.extend(index.map(Step::Index));
    }
    Ok(Path(steps))
}

fn is_identifier(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Piece {
        Piece::Text(s.to_owned())
    }

    fn var(name: &str, path: Vec<Step>) -> Piece {
        Piece::Var {
            name: name.to_owned(),
            path: Path(path),
        }
    }

    #[test]
    fn templates_split_into_text_and_variables() {
        assert_eq!(
            parse_template("https://cognito-idp.{Region}.{PartitionResult#dnsSuffix}").unwrap(),
            vec![
                text("https://cognito-idp."),
                var("Region", vec![]),
                text("."),
                var("PartitionResult", vec![Step::Key("dnsSuffix".into())]),
            ]
        );
        assert_eq!(parse_template("plain").unwrap(), vec![text("plain")]);
        assert_eq!(parse_template("").unwrap(), vec![text("")]);
        assert_eq!(
            parse_template("{{x}}{A}").unwrap(),
            vec![text("{x}"), var("A", vec![])]
        );
    }

    #[test]
    fn malformed_templates_are_refused() {
        for bad in ["{Region", "x}", "{}", "{a b}", "{#x}", "{A#}", "{A#b[}"] {
            assert!(parse_template(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn paths_have_keys_and_indexes() {
        assert_eq!(
            parse_path("a.b[2].c").unwrap(),
            Path(vec![
                Step::Key("a".into()),
                Step::Key("b".into()),
                Step::Index(2),
                Step::Key("c".into())
            ])
        );
        assert_eq!(parse_path("[0]").unwrap(), Path(vec![Step::Index(0)]));
        for bad in ["", "a..b", "a[", "a[x]", "a[]", "a[1]b", "a-b", "a[-1]"] {
            assert!(parse_path(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn calls_are_checked_at_load() {
        let load = |rules: &str| {
            RuleSet::from_json(&format!(
                r#"{{"version":"1.0","parameters":{{}},"rules":{rules}}}"#
            ))
        };
        let err = load(
            r#"[{"conditions":[{"fn":"aws.parseArn","argv":["x"]}],"error":"e","type":"error"}]"#,
        )
        .unwrap_err();
        assert!(err.contains("aws.parseArn"), "{err}");
        let err = load(
            r#"[{"conditions":[{"fn":"not","argv":[true,false]}],"error":"e","type":"error"}]"#,
        )
        .unwrap_err();
        assert!(err.contains("not takes 1 arguments, not 2"), "{err}");
        let err = load(r#"[{"conditions":[],"type":"teapot"}]"#).unwrap_err();
        assert!(err.contains("teapot"), "{err}");
        let err = load(r#"[{"conditions":[{"fn":"getAttr","argv":[{"ref":"P"},{"ref":"Q"}]}],"error":"e","type":"error"}]"#)
            .unwrap_err();
        assert!(err.contains("path argument of getAttr"), "{err}");
        let ok = load(
            r#"[{"conditions":[{"fn":"getAttr","argv":[{"ref":"P"},"a[1]"],"assign":"X"}],"error":"{X}","type":"error"}]"#,
        )
        .unwrap();
        let condition = &ok.rules[0].conditions[0];
        assert_eq!(
            condition.func,
            Func::GetAttr(Path(vec![Step::Key("a".into()), Step::Index(1)]))
        );
        assert_eq!(condition.args, vec![Expr::Ref("P".into())]);
        assert_eq!(condition.assign.as_deref(), Some("X"));
    }

    #[test]
    fn parameters_are_checked_at_load() {
        let load =
            |params: &str| RuleSet::from_json(&format!(r#"{{"parameters":{params},"rules":[]}}"#));
        let err = load(r#"{"UseFIPS":{"builtIn":"AWS::UseFIPS","type":"string"}}"#).unwrap_err();
        assert!(err.contains("UseFIPS"), "{err}");
        let err = load(r#"{"X":{"type":"boolean","default":"yes"}}"#).unwrap_err();
        assert!(err.contains("default of parameter X"), "{err}");
        let err = load(r#"{"X":{"type":"string","required":true}}"#).unwrap_err();
        assert!(err.contains("parameter X is required"), "{err}");
        let err = load(r#"{"X":{"type":"float"}}"#).unwrap_err();
        assert!(err.contains("unknown type"), "{err}");
        let set = load(
            r#"{"Region":{"builtIn":"AWS::Region","type":"String"},
                "Accel":{"builtIn":"AWS::S3::Accelerate","type":"boolean","required":true,"default":false}}"#,
        )
        .unwrap();
        let region = set.params.iter().find(|p| p.name == "Region").unwrap();
        assert_eq!(region.built_in, Some(BuiltIn::Region));
        let accel = set.params.iter().find(|p| p.name == "Accel").unwrap();
        assert_eq!(accel.built_in, None);
        assert_eq!(accel.default, Some(Value::Bool(false)));
    }
}
