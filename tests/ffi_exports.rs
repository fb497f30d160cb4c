//! Every exported C function runs behind the panic boundary, the header declares exactly the
//! exported functions, and the shared library exports every function the header declares.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use syn::{Item, ItemFn, Stmt};

fn ffi_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ffi")
}

/// Every function item in `items`, descending into inline modules except `#[cfg(test)]` ones.
fn functions<'a>(items: &'a [Item], out: &mut Vec<&'a ItemFn>) {
    for item in items {
        match item {
            Item::Fn(function) => out.push(function),
            Item::Mod(module) if !is_cfg_test(&module.attrs) => {
                if let Some((_, inner)) = &module.content {
                    functions(inner, out);
                }
            }
            _ => {}
        }
    }
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "test")
    })
}

fn is_no_mangle(function: &ItemFn) -> bool {
    function.attrs.iter().any(|attr| {
        attr.path().is_ident("no_mangle")
            || (attr.path().is_ident("unsafe")
                && attr
                    .parse_args::<syn::Ident>()
                    .is_ok_and(|ident| ident == "no_mangle"))
    })
}

fn is_extern_c(function: &ItemFn) -> bool {
    function
        .sig
        .abi
        .as_ref()
        .is_some_and(|abi| abi.name.as_ref().is_some_and(|name| name.value() == "C"))
}

/// Whether the body is exactly one statement: the `ffi_boundary!` macro.
fn is_behind_the_boundary(function: &ItemFn) -> bool {
    let is_boundary = |mac: &syn::Macro| mac.path.is_ident("ffi_boundary");
    match function.block.stmts.as_slice() {
        [Stmt::Macro(stmt)] => is_boundary(&stmt.mac),
        [Stmt::Expr(syn::Expr::Macro(expr), None)] => is_boundary(&expr.mac),
        _ => false,
    }
}

/// Every `extern "C"` function in src/ffi (outside tests), by file.
fn extern_c_functions() -> Vec<(String, ItemFn)> {
    let mut found = Vec::new();
    for entry in fs::read_dir(ffi_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let source = fs::read_to_string(&path).unwrap();
        let file = syn::parse_file(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut all = Vec::new();
        functions(&file.items, &mut all);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for function in all {
            assert!(
                !is_no_mangle(function) || is_extern_c(function),
                "{name}: {} is #[no_mangle] but not extern \"C\"",
                function.sig.ident
            );
            if is_extern_c(function) {
                found.push((name.clone(), function.clone()));
            }
        }
    }
    found
}

fn exported_names() -> BTreeSet<String> {
    extern_c_functions()
        .into_iter()
        .map(|(_, f)| f.sig.ident.to_string())
        .collect()
}

#[test]
fn every_export_is_behind_the_panic_boundary() {
    let functions = extern_c_functions();
    // Guards the parser itself: it must see as many exports as the header declares.
    assert_eq!(
        functions.len(),
        header_functions().len(),
        "the parser missed exports"
    );
    let mut unguarded = Vec::new();
    for (file, function) in &functions {
        let name = function.sig.ident.to_string();
        assert!(
            is_no_mangle(function),
            "{file}: extern \"C\" fn {name} is not #[no_mangle]"
        );
        assert!(
            matches!(function.vis, syn::Visibility::Public(_)),
            "{file}: {name} is not pub"
        );
        if !is_behind_the_boundary(function) {
            unguarded.push(format!("{file}: {name}"));
        }
    }
    assert!(
        unguarded.is_empty(),
        "exports whose body is not just ffi_boundary!: {unguarded:#?}"
    );
}

#[test]
fn the_boundary_check_rejects_an_unguarded_body() {
    let guarded: ItemFn = syn::parse_quote! {
        #[unsafe(no_mangle)]
        pub extern "C" fn a() -> u32 { ffi_boundary!({ 1 }) }
    };
    let unguarded: ItemFn = syn::parse_quote! {
        #[unsafe(no_mangle)]
        pub extern "C" fn b() -> u32 { let x = 1; ffi_boundary!({ x }) }
    };
    let bare: ItemFn = syn::parse_quote! {
        #[unsafe(no_mangle)]
        pub extern "C" fn c() -> u32 { 1 }
    };
    assert!(is_no_mangle(&guarded) && is_extern_c(&guarded));
    assert!(is_behind_the_boundary(&guarded));
    assert!(!is_behind_the_boundary(&unguarded));
    assert!(!is_behind_the_boundary(&bare));
}

/// The names of the functions the committed header declares.
fn header_functions() -> BTreeSet<String> {
    let header = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("include/cognito_feedback.h"),
    )
    .unwrap();
    header
        .lines()
        .filter(|line| !line.starts_with(' ') && !line.starts_with('#') && !line.starts_with('/'))
        .filter_map(|line| {
            let open = line.find('(')?;
            let name = line[..open].rsplit([' ', '*']).next()?;
            name.starts_with("cognito_").then(|| name.to_owned())
        })
        .collect()
}

#[test]
fn the_header_declares_exactly_the_exports() {
    let header = header_functions();
    let exports = exported_names();
    assert_eq!(header, exports);
}

/// The shared library built alongside this test.
fn shared_library() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let deps = exe.parent().unwrap();
    [deps, deps.parent().unwrap()]
        .iter()
        .map(|dir| dir.join("libcognito_feedback.so"))
        .find(|path| path.is_file())
        .expect("libcognito_feedback.so next to the test binary")
}

#[test]
fn the_shared_library_exports_every_header_function() {
    let output = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(shared_library())
        .output()
        .expect("running nm");
    assert!(
        output.status.success(),
        "nm failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let symbols: BTreeSet<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace().rev();
            let name = fields.next()?;
            let kind = fields.next()?;
            (kind == "T").then(|| name.to_owned())
        })
        .collect();
    let header = header_functions();
    let missing: Vec<&String> = header.iter().filter(|f| !symbols.contains(*f)).collect();
    assert!(
        missing.is_empty(),
        "declared in the header but not exported: {missing:?}"
    );
    let extra: Vec<&String> = symbols
        .iter()
        .filter(|s| s.starts_with("cognito_") && !header.contains(*s))
        .collect();
    assert!(
        extra.is_empty(),
        "exported but not in the header: {extra:?}"
    );
}

fn has_pointer_parameter(function: &ItemFn) -> bool {
    function.sig.inputs.iter().any(|input| match input {
        syn::FnArg::Typed(typed) => matches!(*typed.ty, syn::Type::Ptr(_)),
        syn::FnArg::Receiver(_) => false,
    })
}

#[test]
fn the_c_null_test_covers_every_function_with_a_pointer_parameter() {
    let test = Path::new(env!("CARGO_MANIFEST_DIR")).join("bindings/c/tests/test_null.c");
    let source = fs::read_to_string(&test).unwrap();
    let uncovered: Vec<String> = extern_c_functions()
        .into_iter()
        .filter(|(_, function)| has_pointer_parameter(function))
        .map(|(_, function)| function.sig.ident.to_string())
        .filter(|name| !source.contains(&format!("{name}(NULL")))
        .collect();
    assert!(
        uncovered.is_empty(),
        "test_null.c never passes NULL to: {uncovered:?}"
    );
}
