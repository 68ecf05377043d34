//! Limits on what one render of a template may do: how many loop turns it
//! takes, how many numbers `range` makes, how many bytes it writes. In: a
//! compiled [`Tera`] (its loops are given a step counter once, when the
//! theme loads) and each render's template, context and buffer. Out: the
//! page, or the limit it went past.
//!
//! Tera itself bounds none of these: `{% for i in range(end=100000000) %}`
//! or three loops over every source nested in one another would run until
//! memory or patience ran out. The limits count work, not time, so a page
//! that renders on a fast machine renders on a slow one too, and the output
//! stays the same wherever it is built.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, Write};
use tera::ast::{Expr, ExprVal, FunctionCall, Node, WS};
use tera::{Context, Tera, Value};

/// The most bytes one page may have (the largest page of a 10,000-source
/// site, its list of sources, has 3.5 MB; its largest person page 1.1 MB).
pub const MAX_OUTPUT: usize = 256 * 1024 * 1024;

/// The most loop turns (and numbers made by `range`) one render may take.
/// The largest page of a 10,000-source site takes 12,070.
pub const MAX_STEPS: u64 = 5_000_000;

/// The most numbers one call of `range` may make.
pub const MAX_RANGE: usize = 1_000_000;

/// The function the step counter calls at the start of every loop turn. Its
/// name cannot clash with a theme's own: Tera names start with a letter or `_`,
/// and no theme has a reason to start one with this.
const STEP_FUNCTION: &str = "__backstory_step";

/// What the render running on this thread has left, if one is running.
struct Budget {
    steps_left: u64,
    /// Why the render was stopped, in words for an editor.
    exceeded: Option<String>,
}

thread_local! {
    static BUDGET: RefCell<Option<Budget>> = const { RefCell::new(None) };
}

/// Takes `steps` from the running render's budget; an error once it is spent.
/// Outside a render (a template rendered by a test) nothing is counted.
fn spend(steps: u64) -> tera::Result<()> {
    BUDGET.with(|budget| {
        let mut budget = budget.borrow_mut();
        let Some(budget) = budget.as_mut() else {
            return Ok(());
        };
        match budget.steps_left.checked_sub(steps) {
            Some(left) => {
                budget.steps_left = left;
                Ok(())
            }
            None => {
                let message = format!(
                    "the template took more than {MAX_STEPS} loop turns for one page \
                     (loops nested in one another multiply)"
                );
                budget.exceeded.get_or_insert(message.clone());
                Err(tera::Error::msg(message))
            }
        }
    })
}

/// Notes why the running render stopped, unless it already stopped for another reason.
fn exceeded(message: String) {
    BUDGET.with(|budget| {
        if let Some(budget) = budget.borrow_mut().as_mut() {
            budget.exceeded.get_or_insert(message);
        }
    });
}

/// Why a render failed: a template error, or a limit.
pub enum Failure {
    Template(tera::Error),
    Limit(String),
}

/// Renders `template` into `out` within the limits above.
pub fn render(
    tera: &Tera,
    template: &str,
    context: &Context,
    out: &mut Vec<u8>,
) -> Result<(), Failure> {
    let previous = BUDGET.with(|budget| {
        budget.replace(Some(Budget {
            steps_left: MAX_STEPS,
            exceeded: None,
        }))
    });
    let result = tera.render_to(template, context, Capped { out });
    // Whatever happened, the budget of an enclosing render (if any) comes back.
    let budget = BUDGET.with(|budget| budget.replace(previous));
    match (result, budget.and_then(|budget| budget.exceeded)) {
        (Ok(()), _) => Ok(()),
        (Err(_), Some(limit)) => Err(Failure::Limit(limit)),
        (Err(error), None) => Err(Failure::Template(error)),
    }
}

/// A buffer that refuses to grow past [`MAX_OUTPUT`].
struct Capped<'a> {
    out: &'a mut Vec<u8>,
}

impl Write for Capped<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.out.len().saturating_add(bytes.len()) > MAX_OUTPUT {
            let message = format!(
                "the page would be larger than {} MiB",
                MAX_OUTPUT / (1024 * 1024)
            );
            exceeded(message.clone());
            return Err(io::Error::other(message));
        }
        self.out.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Registers Backstory's `range` (in place of Tera's) and the step counter,
/// and puts a call of the counter at the start of every loop body of every
/// template. Call once, after the templates are added.
pub fn install(tera: &mut Tera) {
    tera.register_function("range", range);
    tera.register_function(STEP_FUNCTION, |_: &HashMap<String, Value>| {
        spend(1).map(|()| Value::String(String::new()))
    });
    // Tera renders a template from its tree, its blocks (with those of the
    // templates it extends) and its macros, each kept apart: count in all of them.
    for template in tera.templates.values_mut() {
        count_loop_turns(&mut template.ast);
        for definition in template.macros.values_mut() {
            count_loop_turns(&mut definition.body);
        }
        for block in template.blocks.values_mut() {
            count_loop_turns(&mut block.body);
        }
        for definitions in template.blocks_definitions.values_mut() {
            for (_, block) in definitions {
                count_loop_turns(&mut block.body);
            }
        }
    }
}

/// Puts `{{ __backstory_step() }}` (which writes nothing) first in every loop body under `nodes`.
fn count_loop_turns(nodes: &mut [Node]) {
    for node in nodes {
        match node {
            Node::Forloop(_, forloop, _) => {
                count_loop_turns(&mut forloop.body);
                if let Some(empty) = &mut forloop.empty_body {
                    count_loop_turns(empty);
                }
                let step = Expr::new(ExprVal::FunctionCall(FunctionCall {
                    name: STEP_FUNCTION.to_string(),
                    args: HashMap::new(),
                }));
                forloop
                    .body
                    .insert(0, Node::VariableBlock(WS::default(), step));
            }
            Node::MacroDefinition(_, definition, _) => count_loop_turns(&mut definition.body),
            Node::Block(_, block, _) => count_loop_turns(&mut block.body),
            Node::FilterSection(_, section, _) => count_loop_turns(&mut section.body),
            Node::If(branches, _) => {
                for (_, _, body) in &mut branches.conditions {
                    count_loop_turns(body);
                }
                if let Some((_, body)) = &mut branches.otherwise {
                    count_loop_turns(body);
                }
            }
            _ => {}
        }
    }
}

/// `range(end=N)`, `range(start=A, end=N, step_by=S)`: the numbers from
/// `start` (0) up to, not including, `end`, `step_by` apart (1), as Tera's
/// own `range` makes them; but at most [`MAX_RANGE`] at once, never with a
/// step of 0 (which would never end), each number counted as a loop turn.
fn range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let number = |name: &str, default: Option<u64>| -> tera::Result<u64> {
        match args.get(name) {
            Some(value) => value.as_u64().ok_or_else(|| {
                tera::Error::msg(format!(
                    "range: `{name}` must be a whole number of 0 or more, not {value}"
                ))
            }),
            None => default.ok_or_else(|| {
                tera::Error::msg("range needs an end: write range(end=10)".to_string())
            }),
        }
    };
    let start = number("start", Some(0))?;
    let end = number("end", None)?;
    let step = number("step_by", Some(1))?;
    if start > end {
        return Err(tera::Error::msg(format!(
            "range: start ({start}) is after end ({end})"
        )));
    }
    if step == 0 {
        return Err(tera::Error::msg("range: step_by must be 1 or more"));
    }
    let count = (end - start).div_ceil(step);
    if count > MAX_RANGE as u64 {
        let message = format!(
            "range(start={start}, end={end}, step_by={step}) would make {count} numbers; \
             a template may make at most {MAX_RANGE} at once"
        );
        exceeded(message.clone());
        return Err(tera::Error::msg(message));
    }
    spend(count)?;
    Ok(Value::Array(
        (start..end)
            .step_by(step as usize)
            .map(Value::from)
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_one(text: &str) -> Result<String, String> {
        let mut tera = Tera::default();
        tera.add_raw_template("t.html", text).unwrap();
        install(&mut tera);
        let mut out = Vec::new();
        match render(&tera, "t.html", &Context::new(), &mut out) {
            Ok(()) => Ok(String::from_utf8(out).unwrap()),
            Err(Failure::Limit(limit)) => Err(limit),
            Err(Failure::Template(error)) => Err(format!("template: {error}")),
        }
    }

    #[test]
    fn range_makes_what_teras_range_makes() {
        assert_eq!(
            render_one("{% for i in range(end=3) %}{{ i }},{% endfor %}").unwrap(),
            "0,1,2,"
        );
        assert_eq!(
            render_one("{% for i in range(start=1, end=8, step_by=3) %}{{ i }}{% endfor %}")
                .unwrap(),
            "147"
        );
        assert!(render_one("{{ range(end=3, step_by=0) }}").is_err());
        assert!(render_one("{{ range(start=4, end=3) }}").is_err());
    }

    #[test]
    fn a_long_range_and_loops_nested_past_the_budget_are_stopped() {
        let long = render_one("{% for i in range(end=100000000) %}x{% endfor %}").unwrap_err();
        assert!(long.contains("at most 1000000"), "{long}");
        let nested = "{% for a in range(end=1000) %}{% for b in range(end=1000) %}\
                      {% for c in range(end=1000) %}{% endfor %}{% endfor %}{% endfor %}";
        let nested = render_one(nested).unwrap_err();
        assert!(nested.contains("loop turns"), "{nested}");
    }

    #[test]
    fn output_past_the_limit_is_stopped() {
        let text = format!(
            "{{% for a in range(end=100000) %}}{}{{% endfor %}}",
            "x".repeat(4096)
        );
        let big = render_one(&text).unwrap_err();
        assert!(big.contains("MiB"), "{big}");
    }
}
