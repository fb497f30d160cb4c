//! Every function in the library (`src/`), the command line (`cli/src/`) and the emulator
//! (`tests/emulator/src/`) fits on a screen: from its `fn` line to its closing brace it is at
//! most [`LIMIT`] lines, tests included. A longer function is a sign that it does more than one
//! job; split it into functions whose names say what each part does.

use std::fs;
use std::path::{Path, PathBuf};

use syn::spanned::Spanned;
use syn::visit::{self, Visit};

/// The most lines a function may span, its signature and closing brace included.
const LIMIT: usize = 50;

/// One function's place and length.
#[derive(Debug)]
struct Function {
    /// `file:line` of its `fn` line.
    place: String,
    /// Its name.
    name: String,
    /// Lines from its signature to its closing brace.
    lines: usize,
}

/// Collects every function with a body in one file: free functions, methods, trait default
/// methods, and functions nested in modules or other functions.
struct Collector<'a> {
    /// The file, as shown in failure messages.
    file: &'a str,
    /// What was found so far.
    found: Vec<Function>,
}

impl Collector<'_> {
    /// Records a function whose signature is `signature` and whose body is `body`.
    fn record(&mut self, signature: &syn::Signature, body: &syn::Block) {
        let first = signature.fn_token.span().start().line;
        let last = body.brace_token.span.close().end().line;
        self.found.push(Function {
            place: format!("{}:{first}", self.file),
            name: signature.ident.to_string(),
            lines: last + 1 - first,
        });
    }
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item_fn(&mut self, function: &'ast syn::ItemFn) {
        self.record(&function.sig, &function.block);
        visit::visit_item_fn(self, function);
    }

    fn visit_impl_item_fn(&mut self, function: &'ast syn::ImplItemFn) {
        self.record(&function.sig, &function.block);
        visit::visit_impl_item_fn(self, function);
    }

    fn visit_trait_item_fn(&mut self, function: &'ast syn::TraitItemFn) {
        if let Some(body) = &function.default {
            self.record(&function.sig, body);
        }
        visit::visit_trait_item_fn(self, function);
    }
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("a source directory is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Every function with a body in `path`.
fn functions_in(path: &Path, root: &Path) -> Vec<Function> {
    let source = fs::read_to_string(path).expect("a source file is readable");
    let file = syn::parse_file(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let shown = path
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string();
    let mut collector = Collector {
        file: &shown,
        found: Vec::new(),
    };
    collector.visit_file(&file);
    collector.found
}

#[test]
fn no_function_is_longer_than_the_limit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let functions: Vec<Function> = ["src", "cli/src", "tests/emulator/src"]
        .iter()
        .flat_map(|dir| rust_files(&root.join(dir)))
        .flat_map(|path| functions_in(&path, root))
        .collect();
    assert!(
        functions.len() > 300,
        "the walk found only {} functions",
        functions.len()
    );
    let too_long: Vec<String> = functions
        .iter()
        .filter(|function| function.lines > LIMIT)
        .map(|f| format!("{} {} ({} lines)", f.place, f.name, f.lines))
        .collect();
    assert!(
        too_long.is_empty(),
        "functions longer than {LIMIT} lines:\n{}",
        too_long.join("\n")
    );
}

#[test]
fn the_walk_measures_from_the_fn_line_to_the_closing_brace() {
    let dir = std::env::temp_dir().join(format!("function-length-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join("sample.rs");
    let sample = "/// Doc.\n#[inline]\nfn short() {}\n\nstruct S;\n\nimpl S {\n    fn method(&self) {\n        let _ = 1;\n\n        fn nested() {\n        }\n    }\n}\n\ntrait T {\n    fn required(&self);\n    fn provided(&self) {\n    }\n}\n";
    fs::write(&path, sample).expect("the sample is written");
    let found = functions_in(&path, &dir);
    fs::remove_dir_all(&dir).expect("the sample is removed");
    let measured: Vec<(&str, usize)> = found
        .iter()
        .map(|function| (function.name.as_str(), function.lines))
        .collect();
    assert_eq!(
        measured,
        [("short", 1), ("method", 6), ("nested", 2), ("provided", 2)]
    );
    assert_eq!(found[0].place, "sample.rs:3");
}
