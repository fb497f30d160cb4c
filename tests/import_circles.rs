//! No import circle in `src/`: the modules, linked by the paths they name (`use` lines and
//! paths in code starting with `crate::`, `super::` or `self::`, and a `use` of a child module),
//! form a graph without a cycle, so every module reads bottom-up.
//!
//! The check reads the source as text, so it relies on rustfmt's layout (which `make lint`
//! enforces): an inline module (`mod tests {`) ends at the `}` indented like its `mod` line.
//! Comments are ignored; a path to an item resolves to the longest known module prefix.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// A module's path, e.g. `["ffi", "status"]`; the crate root is `[]`.
type ModulePath = Vec<String>;

/// The module a file under `src/` defines: `lib.rs` is the root, `a/mod.rs` and `a.rs` are `a`.
fn module_of(relative: &str) -> ModulePath {
    let trimmed = relative.trim_end_matches(".rs");
    let mut parts: Vec<String> = trimmed.split('/').map(str::to_owned).collect();
    if matches!(parts.last().map(String::as_str), Some("lib" | "mod")) {
        parts.pop();
    }
    parts
}

/// `text` without `//` comments and `/* */` blocks (string literals are left as they are).
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.find('\n').map_or("", |end| &after[end..]);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |end| &after[end + 2..]);
        } else {
            let next = rest.chars().next().expect("rest is not empty");
            out.push(next);
            rest = &rest[next.len_utf8()..];
        }
    }
    out
}

/// The paths a `use` tree names, expanded: `super::{a::X, b::{Y, Z}}` gives `super::a::X`,
/// `super::b::Y` and `super::b::Z`.
fn expand_use_tree(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(tree).trim();
        return vec![path.to_owned()];
    };
    let prefix = &tree[..open];
    let close = tree
        .rfind('}')
        .filter(|close| *close > open)
        .unwrap_or(tree.len());
    let inner = &tree[open + 1..close];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (index, character) in inner.char_indices() {
        match character {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .filter(|item| !item.trim().is_empty())
        .flat_map(expand_use_tree)
        .map(|path| format!("{prefix}{path}"))
        .collect()
}

/// Every path in `code` that starts with `crate::`, `$crate::`, `super::` or `self::`.
fn relative_paths(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut previous = ' ';
    for (start, character) in code.char_indices() {
        let after_word = previous.is_alphanumeric() || previous == '_';
        previous = character;
        let rest = &code[start..];
        if after_word
            || !["crate::", "super::", "self::"]
                .iter()
                .any(|p| rest.starts_with(p))
        {
            continue;
        }
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        paths.push(rest[..end].trim_end_matches(':').to_owned());
    }
    paths
}

/// The statements `use ...;` in `code`, each as its tree (`pub use` included). A statement
/// starts a line, as rustfmt writes it, so "use" inside a string is not one.
fn use_trees(code: &str) -> Vec<String> {
    let mut trees = Vec::new();
    let mut offset = 0;
    for line in code.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let visible = trimmed
            .strip_prefix("pub(crate) ")
            .or_else(|| trimmed.strip_prefix("pub(super) "))
            .or_else(|| trimmed.strip_prefix("pub "))
            .unwrap_or(trimmed);
        if let Some(after) = visible.strip_prefix("use ") {
            let at = offset + (line.len() - after.len());
            let rest = &code[at..];
            let end = rest.find(';').unwrap_or(rest.len());
            trees.push(rest[..end].split_whitespace().collect::<Vec<_>>().join(" "));
        }
        offset += line.len();
    }
    trees
}

/// The module `path` (as written in `module`) points into, resolved against `modules`: the
/// longest prefix that is a known module. `None` for paths outside the crate.
fn resolve(path: &str, module: &ModulePath, modules: &BTreeSet<ModulePath>) -> Option<ModulePath> {
    let path = path.trim_start_matches('$').replace("::{", "::");
    let mut segments = path.split("::").filter(|s| !s.is_empty()).peekable();
    let mut target: ModulePath = match segments.peek().copied() {
        Some("crate") => {
            segments.next();
            Vec::new()
        }
        Some("self") => {
            segments.next();
            module.clone()
        }
        Some("super") => {
            let mut target = module.clone();
            while segments.peek() == Some(&"super") {
                segments.next();
                target.pop()?;
            }
            target
        }
        Some(child) if modules.contains(&[module.clone(), vec![child.to_owned()]].concat()) => {
            module.clone()
        }
        _ => return None,
    };
    for segment in segments {
        target.push(segment.to_owned());
        if !modules.contains(&target) {
            target.pop();
            break;
        }
    }
    Some(target)
}

/// A file's lines split by the inline module they belong to (the file's own module first):
/// `mod tests {` opens `module::tests` until the `}` with its indentation.
fn inline_modules(module: &ModulePath, code: &str) -> Vec<(ModulePath, String)> {
    let mut parts = vec![(module.clone(), String::new())];
    let mut open: Vec<(usize, usize)> = Vec::new(); // (indentation, index in parts)
    for line in code.lines() {
        let indentation = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        let current = open.last().map_or(0, |(_, index)| *index);
        let declaration = trimmed
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub ")
            .strip_prefix("mod ")
            .and_then(|rest| rest.strip_suffix(" {"));
        if let Some(name) = declaration {
            let mut path = parts[current].0.clone();
            path.push(name.to_owned());
            parts.push((path, String::new()));
            open.push((indentation, parts.len() - 1));
            continue;
        }
        if trimmed == "}"
            && open
                .last()
                .is_some_and(|(indent, _)| *indent == indentation)
        {
            open.pop();
            continue;
        }
        parts[current].1.push_str(line);
        parts[current].1.push('\n');
    }
    parts
}

/// The import graph of a crate given as (path under `src/`, source text) pairs: for each
/// module, the other modules it names. Inline modules count as their file's module.
fn import_graph(files: &[(String, String)]) -> BTreeMap<ModulePath, BTreeSet<ModulePath>> {
    let mut modules: BTreeSet<ModulePath> = files.iter().map(|(p, _)| module_of(p)).collect();
    let mut parts = Vec::new();
    for (relative, text) in files {
        let file_module = module_of(relative);
        for (module, code) in inline_modules(&file_module, &strip_comments(text)) {
            modules.insert(module.clone());
            parts.push((file_module.clone(), module, code));
        }
    }
    let mut graph: BTreeMap<ModulePath, BTreeSet<ModulePath>> = BTreeMap::new();
    for (file_module, module, code) in parts {
        let named: Vec<String> = use_trees(&code)
            .iter()
            .flat_map(|tree| expand_use_tree(tree))
            .chain(relative_paths(&code))
            .collect();
        let edges = graph.entry(file_module.clone()).or_default();
        for path in named {
            let Some(mut target) = resolve(&path, &module, &modules) else {
                continue;
            };
            // An inline module stands for its file: `super::*` in `mod tests` is the file.
            while !target.is_empty() && !files.iter().any(|(p, _)| module_of(p) == target) {
                target.pop();
            }
            if target != file_module {
                edges.insert(target);
            }
        }
    }
    graph
}

/// A cycle in `graph`, as the modules along it (the first repeated at the end), if any.
fn find_cycle(graph: &BTreeMap<ModulePath, BTreeSet<ModulePath>>) -> Option<Vec<ModulePath>> {
    fn visit(
        node: &ModulePath,
        graph: &BTreeMap<ModulePath, BTreeSet<ModulePath>>,
        done: &mut BTreeSet<ModulePath>,
        stack: &mut Vec<ModulePath>,
    ) -> Option<Vec<ModulePath>> {
        if let Some(position) = stack.iter().position(|entry| entry == node) {
            let mut cycle = stack[position..].to_vec();
            cycle.push(node.clone());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, done, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut done, &mut Vec::new()))
}

/// `crate::a::b → crate::c → crate::a::b`.
fn describe(cycle: &[ModulePath]) -> String {
    let names: Vec<String> = cycle
        .iter()
        .map(|module| {
            ["crate".to_owned()]
                .iter()
                .chain(module)
                .cloned()
                .collect::<Vec<_>>()
        })
        .map(|parts| parts.join("::"))
        .collect();
    names.join(" → ")
}

/// Every `.rs` file under `dir`, as (path relative to `root`, text).
fn read_sources(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).expect("reading src/") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            read_sources(root, &path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let relative = path.strip_prefix(root).expect("under src/");
            let text = fs::read_to_string(&path).expect("reading a source file");
            files.push((relative.to_string_lossy().replace('\\', "/"), text));
        }
    }
}

#[test]
fn src_has_no_import_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    read_sources(&root, &root, &mut files);
    let graph = import_graph(&files);
    let ffi_status = graph
        .get(&vec!["ffi".to_owned(), "status".to_owned()])
        .expect("src/ffi/status.rs is read");
    assert!(
        ffi_status.contains(&vec!["error".to_owned()]),
        "{ffi_status:?}"
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import circle in src/: {}", describe(&cycle));
    }
}

fn files(sources: &[(&str, &str)]) -> Vec<(String, String)> {
    sources
        .iter()
        .map(|(path, text)| (path.to_string(), text.to_string()))
        .collect()
}

fn cycle_in(sources: &[(&str, &str)]) -> Option<String> {
    find_cycle(&import_graph(&files(sources))).map(|cycle| describe(&cycle))
}

#[test]
fn a_circle_between_siblings_is_found() {
    let sources = [
        ("lib.rs", "mod ffi;\n"),
        ("ffi/mod.rs", "mod boundary;\nmod error;\n"),
        ("ffi/boundary.rs", "use super::error::CognitoError;\n"),
        (
            "ffi/error.rs",
            "use super::{\n    boundary::run,\n    status::X,\n};\n",
        ),
    ];
    assert_eq!(
        cycle_in(&sources).unwrap(),
        "crate::ffi::boundary → crate::ffi::error → crate::ffi::boundary"
    );
}

#[test]
fn a_longer_circle_through_code_paths_is_found() {
    let sources = [
        ("lib.rs", "mod a;\nmod b;\nmod c;\n"),
        ("a.rs", "fn f() { crate::b::g() }\n"),
        ("b.rs", "fn g() { $crate::c::h!() }\n"),
        ("c/mod.rs", "use crate::a::{self, f as other};\n"),
    ];
    assert_eq!(
        cycle_in(&sources).unwrap(),
        "crate::a → crate::b → crate::c → crate::a"
    );
}

#[test]
fn test_modules_count_as_their_file() {
    let sources = [
        ("lib.rs", "mod a;\nmod b;\n"),
        ("a.rs", "use crate::b::X;\n"),
        (
            "b.rs",
            "pub struct X;\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n    use crate::a::Y;\n}\n",
        ),
    ];
    assert_eq!(
        cycle_in(&sources).unwrap(),
        "crate::a → crate::b → crate::a"
    );
}

#[test]
fn layered_modules_and_comments_are_no_circle() {
    let sources = [
        ("lib.rs", "mod ffi;\npub use ffi::Status;\n"),
        (
            "ffi/mod.rs",
            "mod out;\nmod status;\npub use status::Status;\n",
        ),
        (
            "ffi/status.rs",
            "//! Not `use super::out;`: [`crate::ffi::out`]\n/* super::out */\npub struct Status;\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n",
        ),
        (
            "ffi/out.rs",
            "use super::status::Status;\nuse std::ptr;\nconst HINT: &str = \"use a proxy, or {list} it\";\n",
        ),
    ];
    assert_eq!(cycle_in(&sources), None);
}
