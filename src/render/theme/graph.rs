//! What each template and macro of a theme renders in turn, checked once
//! when the theme loads. In: the parsed templates. Out: an error for each
//! cycle (a template that includes itself, templates that import one
//! another, a macro that calls itself, directly or through others), and for
//! a chain of templates and macros nested deeper than [`MAX_DEPTH`].
//!
//! Tera follows includes and macro calls without any limit: a cycle
//! recurses until the stack overflows, which aborts the whole program (and
//! with it `serve`). A cycle is refused even when a condition would stop it,
//! because no condition can be proved to: Backstory's page data is lists,
//! never trees, so a `for` loop does everything a recursion would.
//!
//! The check is by name, so it errs on the safe side: a call `ns::m()` is
//! taken to reach every macro `m` of every file some template imports as
//! `ns` (of every file, for `self::m()`), and an `extends` to reach all of
//! the parent, whichever blocks the child replaces.

use crate::diag::Diagnostic;
use std::collections::HashMap;
use std::path::Path;
use tera::ast::{Expr, ExprVal, Node};
use tera::Tera;

/// The most levels one page may nest: tags inside one another, plus one for
/// each include, macro call and parent template on the way. The default
/// theme nests fewer than 20; a page nested this deep renders on a thread
/// with a 2 MiB stack.
pub const MAX_DEPTH: usize = 96;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    Includes,
    Extends,
    Calls,
    Imports,
}

/// A template (`page.html`) or a macro (`macros.html::card`), its file, and
/// what it renders: (node, how, nesting depth at which it does).
struct Graph {
    names: Vec<String>,
    files: Vec<String>,
    edges: Vec<Vec<(usize, Edge, usize)>>,
    /// The deepest the node's own tags nest.
    own_depth: Vec<usize>,
}

/// Every cycle and every chain nested too deep among `tera`'s templates.
pub fn problems(tera: &Tera) -> Vec<Diagnostic> {
    let graph = Graph::of(tera);
    // Tera loads imported macros apart from rendering: only imports alone
    // make a loading cycle, and imports render nothing.
    let mut cycles = graph.cycles(|edge| edge == Edge::Imports);
    cycles.extend(graph.cycles(|edge| edge != Edge::Imports));
    if !cycles.is_empty() {
        return cycles
            .iter()
            .map(|cycle| graph.cycle_problem(cycle))
            .collect();
    }
    graph.depth_problem().into_iter().collect()
}

/// What a body renders: (callee, nesting depth), and how deep it nests.
#[derive(Default)]
struct Found {
    includes: Vec<(String, usize)>,
    calls: Vec<(String, String, usize)>,
    deepest: usize,
}

impl Graph {
    fn of(tera: &Tera) -> Graph {
        let mut files: Vec<&str> = tera.templates.keys().map(String::as_str).collect();
        files.sort_unstable();
        let mut graph = Graph {
            names: Vec::new(),
            files: Vec::new(),
            edges: Vec::new(),
            own_depth: Vec::new(),
        };
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut macros_named: HashMap<&str, Vec<(&str, usize)>> = HashMap::new();
        for &file in &files {
            index.insert(file.to_string(), graph.add(file.to_string(), file));
        }
        for &file in &files {
            let mut names: Vec<&str> = tera.templates[file]
                .macros
                .keys()
                .map(String::as_str)
                .collect();
            names.sort_unstable();
            for name in names {
                let node = graph.add(format!("{file}::{name}"), file);
                macros_named.entry(name).or_default().push((file, node));
            }
        }
        let mut imported_as: HashMap<&str, Vec<&str>> = HashMap::new();
        for template in tera.templates.values() {
            for (file, namespace) in &template.imported_macro_files {
                imported_as.entry(namespace).or_default().push(file);
            }
        }
        // The macros a call `namespace::name` may reach.
        let callees = |namespace: &str, name: &str| -> Vec<usize> {
            let files = imported_as.get(namespace);
            macros_named
                .get(name)
                .into_iter()
                .flatten()
                .filter(|(file, _)| namespace == "self" || files.is_some_and(|f| f.contains(file)))
                .map(|&(_, node)| node)
                .collect()
        };
        let mut node = 0;
        let mut bodies: Vec<(usize, &[Node])> = Vec::new();
        for &file in &files {
            bodies.push((node, &tera.templates[file].ast));
            node += 1;
        }
        for &file in &files {
            let mut definitions: Vec<_> = tera.templates[file].macros.iter().collect();
            definitions.sort_unstable_by_key(|(name, _)| name.as_str());
            for (_, definition) in definitions {
                bodies.push((node, &definition.body));
                node += 1;
            }
        }
        for (node, body) in bodies {
            let mut found = Found::default();
            walk(tera, body, 0, &mut found);
            let edges = &mut graph.edges[node];
            for (file, depth) in found.includes {
                edges.push((index[&file], Edge::Includes, depth));
            }
            for (namespace, name, depth) in found.calls {
                for callee in callees(&namespace, &name) {
                    edges.push((callee, Edge::Calls, depth));
                }
            }
            graph.own_depth[node] = found.deepest;
        }
        for &file in &files {
            let template = &tera.templates[file];
            let node = index[file];
            if let Some(&parent) = template.parent.as_ref().and_then(|p| index.get(p)) {
                let depth = graph.own_depth[node];
                graph.edges[node].push((parent, Edge::Extends, depth));
            }
            for (imported, _) in &template.imported_macro_files {
                if let Some(&imported) = index.get(imported) {
                    graph.edges[node].push((imported, Edge::Imports, 0));
                }
            }
        }
        graph
    }

    fn add(&mut self, name: String, file: &str) -> usize {
        self.names.push(name);
        self.files.push(file.to_string());
        self.edges.push(Vec::new());
        self.own_depth.push(0);
        self.names.len() - 1
    }

    /// Each cycle once, as its nodes in order and the edge out of each:
    /// found by a depth-first walk, without recursion (a theme may be long).
    fn cycles(&self, follow: impl Fn(Edge) -> bool) -> Vec<Vec<(usize, Edge)>> {
        #[derive(Clone, Copy, PartialEq)]
        enum State {
            New,
            OnPath,
            Done,
        }
        let mut state = vec![State::New; self.names.len()];
        let mut cycles: Vec<Vec<(usize, Edge)>> = Vec::new();
        for root in 0..self.names.len() {
            if state[root] != State::New {
                continue;
            }
            // (node, next edge to follow); the path is the stack itself.
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            state[root] = State::OnPath;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                let Some(&(to, edge, _)) = self.edges[node].get(*next) else {
                    state[node] = State::Done;
                    stack.pop();
                    continue;
                };
                *next += 1;
                if !follow(edge) {
                    continue;
                }
                match state[to] {
                    State::New => {
                        state[to] = State::OnPath;
                        stack.push((to, 0));
                    }
                    State::OnPath => {
                        let from = stack.iter().position(|&(n, _)| n == to).unwrap_or(0);
                        let cycle = stack[from..]
                            .iter()
                            .map(|&(n, next)| (n, self.edges[n][next - 1].1))
                            .collect();
                        cycles.push(cycle);
                    }
                    State::Done => {}
                }
            }
        }
        cycles
    }

    fn cycle_problem(&self, cycle: &[(usize, Edge)]) -> Diagnostic {
        let first = cycle[0].0;
        let mut chain: Vec<&str> = cycle.iter().map(|&(n, _)| self.names[n].as_str()).collect();
        chain.push(&self.names[first]);
        let same = |edge: Edge| cycle.iter().all(|&(_, e)| e == edge);
        let what = if same(Edge::Includes) {
            format!("{} includes itself", self.names[first])
        } else if same(Edge::Imports) {
            format!("{} imports itself", self.names[first])
        } else if self.names[first].contains("::") && same(Edge::Calls) {
            format!("the macro {} calls itself", self.names[first])
        } else {
            format!("{} renders itself again", self.names[first])
        };
        Diagnostic::error(
            Path::new("templates").join(&self.files[first]),
            None,
            format!("{what}: {}", chain.join(" -> ")),
        )
        .hint(
            "Backstory refuses templates and macros that include, import or call themselves, \
             directly or through others: Tera has no limit on such a recursion, and one without \
             an end would crash the build. Write it as a {% for %} loop instead",
        )
    }

    /// The deepest chain, if it nests past [`MAX_DEPTH`]. Only for a graph
    /// without cycles.
    fn depth_problem(&self) -> Option<Diagnostic> {
        // Deepest nesting from each node, with the edge it takes: nodes in
        // an order where each comes after everything it renders.
        let mut deepest: Vec<Option<(usize, Option<usize>)>> = vec![None; self.names.len()];
        for root in 0..self.names.len() {
            let mut stack = vec![root];
            while let Some(&node) = stack.last() {
                if deepest[node].is_some() {
                    stack.pop();
                    continue;
                }
                let pending: Vec<usize> = self.edges[node]
                    .iter()
                    .filter(|&&(_, edge, _)| edge != Edge::Imports)
                    .map(|&(to, _, _)| to)
                    .filter(|&to| deepest[to].is_none())
                    .collect();
                if !pending.is_empty() {
                    stack.extend(pending);
                    continue;
                }
                let mut best = (self.own_depth[node], None);
                for &(to, edge, depth) in &self.edges[node] {
                    if edge == Edge::Imports {
                        continue;
                    }
                    let through = depth + 1 + deepest[to].map_or(0, |(d, _)| d);
                    if through > best.0 {
                        best = (through, Some(to));
                    }
                }
                deepest[node] = Some(best);
                stack.pop();
            }
        }
        let (start, (depth, _)) = deepest
            .iter()
            .enumerate()
            .filter_map(|(node, d)| Some((node, (*d)?)))
            .max_by_key(|&(node, (depth, _))| (depth, std::cmp::Reverse(node)))?;
        if depth <= MAX_DEPTH {
            return None;
        }
        let mut chain = vec![self.names[start].as_str()];
        let mut at = start;
        while let Some((_, Some(next))) = deepest[at] {
            chain.push(&self.names[next]);
            at = next;
        }
        Some(
            Diagnostic::error(
                Path::new("templates").join(&self.files[start]),
                None,
                format!(
                    "{} nests {depth} levels deep (tags inside one another, includes, macro calls \
                     and parent templates): {}",
                    self.names[start],
                    chain.join(" -> ")
                ),
            )
            .hint(format!(
                "Backstory allows {MAX_DEPTH} levels, so that no page can overflow the stack; \
                 flatten the templates"
            )),
        )
    }
}

/// Collects what `nodes` include and call, at which nesting depth.
fn walk(tera: &Tera, nodes: &[Node], depth: usize, found: &mut Found) {
    found.deepest = found.deepest.max(depth);
    for node in nodes {
        match node {
            Node::VariableBlock(_, expr) => expression(expr, depth, found),
            Node::Set(_, set) => expression(&set.value, depth, found),
            Node::Include(_, names, _) => {
                // Tera renders the first of the names that exists.
                if let Some(name) = names.iter().find(|n| tera.templates.contains_key(*n)) {
                    found.includes.push((name.clone(), depth));
                }
            }
            Node::Block(_, block, _) => walk(tera, &block.body, depth + 1, found),
            Node::FilterSection(_, section, _) => {
                for arg in section.filter.args.values() {
                    expression(arg, depth, found);
                }
                walk(tera, &section.body, depth + 1, found);
            }
            Node::Forloop(_, forloop, _) => {
                expression(&forloop.container, depth, found);
                walk(tera, &forloop.body, depth + 1, found);
                if let Some(empty) = &forloop.empty_body {
                    walk(tera, empty, depth + 1, found);
                }
            }
            Node::If(branches, _) => {
                for (_, condition, body) in &branches.conditions {
                    expression(condition, depth, found);
                    walk(tera, body, depth + 1, found);
                }
                if let Some((_, body)) = &branches.otherwise {
                    walk(tera, body, depth + 1, found);
                }
            }
            // Macros are nodes of their own; the rest renders nothing else.
            _ => {}
        }
    }
}

/// Collects the macro calls in `expr`.
fn expression(expr: &Expr, depth: usize, found: &mut Found) {
    value(&expr.val, depth, found);
    for filter in &expr.filters {
        for arg in filter.args.values() {
            expression(arg, depth, found);
        }
    }
}

fn value(val: &ExprVal, depth: usize, found: &mut Found) {
    match val {
        ExprVal::MacroCall(call) => {
            found
                .calls
                .push((call.namespace.clone(), call.name.clone(), depth));
            for arg in call.args.values() {
                expression(arg, depth, found);
            }
        }
        ExprVal::FunctionCall(call) => {
            for arg in call.args.values() {
                expression(arg, depth, found);
            }
        }
        ExprVal::Math(math) => {
            expression(&math.lhs, depth, found);
            expression(&math.rhs, depth, found);
        }
        ExprVal::Logic(logic) => {
            expression(&logic.lhs, depth, found);
            expression(&logic.rhs, depth, found);
        }
        ExprVal::In(test) => {
            expression(&test.lhs, depth, found);
            expression(&test.rhs, depth, found);
        }
        ExprVal::Test(test) => {
            for arg in &test.args {
                expression(arg, depth, found);
            }
        }
        ExprVal::Array(items) => {
            for item in items {
                expression(item, depth, found);
            }
        }
        ExprVal::StringConcat(concat) => {
            for part in &concat.values {
                value(part, depth, found);
            }
        }
        ExprVal::String(_)
        | ExprVal::Int(_)
        | ExprVal::Float(_)
        | ExprVal::Bool(_)
        | ExprVal::Ident(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(templates: &[(&str, String)]) -> Tera {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.iter().map(|(n, t)| (*n, t.as_str())))
            .unwrap();
        tera
    }

    /// The deepest chain's depth, from the theme's own templates.
    fn depth(tera: &Tera) -> usize {
        let graph = Graph::of(tera);
        (0..graph.names.len())
            .map(|node| {
                // Longest path by brute force: fine for a handful of nodes.
                fn longest(graph: &Graph, node: usize) -> usize {
                    graph.edges[node]
                        .iter()
                        .filter(|(_, edge, _)| *edge != Edge::Imports)
                        .map(|&(to, _, depth)| depth + 1 + longest(graph, to))
                        .fold(graph.own_depth[node], usize::max)
                }
                longest(&graph, node)
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn the_default_theme_has_no_cycle_and_nests_far_below_the_limit() {
        let templates: Vec<(&str, String)> = super::super::DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| (*name, text.to_string()))
            .collect();
        let tera = tera(&templates);
        assert_eq!(problems(&tera), vec![]);
        let depth = depth(&tera);
        assert!(depth < 20, "the default theme nests {depth} deep");
    }

    /// The deepest page the limit allows, of loops, conditions and macro
    /// calls (the costliest levels for Tera), renders on a 2 MiB stack.
    #[test]
    fn a_theme_nested_up_to_the_limit_renders_on_a_small_stack() {
        let levels = MAX_DEPTH / 3 - 1;
        let mut macros = String::new();
        for level in 0..levels {
            macros.push_str(&format!(
                "{{% macro m{level}() %}}{{% for i in [1] %}}{{% if true %}}{{{{ self::m{}() }}}}\
                 {{% endif %}}{{% endfor %}}{{% endmacro %}}",
                level + 1
            ));
        }
        macros.push_str(&format!("{{% macro m{levels}() %}}end{{% endmacro %}}"));
        let page = "{% import \"macros.html\" as m %}{{ m::m0() }}".to_string();
        let tera = tera(&[("macros.html", macros), ("page.html", page)]);
        assert_eq!(problems(&tera), vec![]);
        assert!(depth(&tera) <= MAX_DEPTH, "{}", depth(&tera));
        let rendered = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || tera.render("page.html", &tera::Context::new()).unwrap())
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(rendered, "end");
    }

    #[test]
    fn a_chain_past_the_limit_is_refused_with_its_templates() {
        let mut templates = Vec::new();
        for level in 0..=MAX_DEPTH {
            let name: &str = Box::leak(format!("t{level:03}.html").into_boxed_str());
            templates.push((name, format!("{{% include \"t{:03}.html\" %}}", level + 1)));
        }
        templates.push((
            Box::leak(format!("t{:03}.html", MAX_DEPTH + 1).into_boxed_str()),
            String::new(),
        ));
        let found = problems(&tera(&templates));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .message
                .starts_with("t000.html nests 97 levels deep")
                && found[0]
                    .message
                    .contains("t000.html -> t001.html -> t002.html"),
            "{}",
            found[0].message
        );
    }
}
