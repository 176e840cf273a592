//! The equations of a layer's card in MathML, each term with its shape written under it.

use crate::math::activation::Activation;
use crate::math::cost::Cost;
use crate::math::regularization::{Penalty, Regularization};
use crate::web::markup::{Attr, Element, Node, el, fragment};

/// `name[l]` as MathML (`name` alone without a layer).
fn mi(name: &str, layer: Option<usize>) -> Element {
    let name = el("mi").text(name);
    match layer {
        Some(l) => el("msup").child(name).child(el("mrow").children([
            el("mo").text("["),
            el("mn").text(l.to_string()),
            el("mo").text("]"),
        ])),
        None => name,
    }
}

fn mo(op: &str) -> Node {
    el("mo").text(op).into()
}

fn mtext(t: impl Into<String>) -> Node {
    el("mtext").text(t).into()
}

fn space(width: &str) -> Node {
    el("mspace").attr(Attr::Width, width).into()
}

/// `term` transposed: term^T.
fn transposed(term: Element) -> Element {
    el("msup").child(term).child(el("mi").text("T"))
}

/// A term with its shape written under it.
fn under(term: impl Into<Node>, rows: impl ToString, cols: impl ToString) -> Node {
    el("munder")
        .child(el("mrow").child(term))
        .child(
            el("mrow").child(el("mtext").attr(Attr::MathSize, "70%").text(format!(
                "{}×{}",
                rows.to_string(),
                cols.to_string()
            ))),
        )
        .into()
}

fn math(body: Vec<Node>) -> Element {
    el("math").attr(Attr::Display, "block").children(body)
}

/// 1/m as a fraction.
fn one_over_m() -> Node {
    el("mfrac")
        .child(el("mn").text("1"))
        .child(el("mi").text("m"))
        .into()
}

/// Z[l] = W[l]·A[l−1] + b[l], A[l] = σ(Z[l]), with shapes.
pub fn forward(l: usize, n: &[usize], m: usize, act: Activation) -> Element {
    math(vec![
        under(mi("Z", Some(l)), n[l], m),
        mo("="),
        under(mi("W", Some(l)), n[l], n[l - 1]),
        mo("·"),
        under(mi("A", Some(l - 1)), n[l - 1], m),
        mo("+"),
        under(mi("b", Some(l)), n[l], 1),
        space("1em"),
        mtext(format!("(b broadcast across the {m} columns)")),
        space("1.5em"),
        mi("A", Some(l)).into(),
        mo("="),
        el("mi").text(act.name().replace('_', " ")).into(),
        mo("("),
        mi("Z", Some(l)).into(),
        mo(")"),
    ])
}

/// δ[L] for the output layer (with the simplification when it applies), δ[l] for a hidden one.
pub fn delta(l: usize, n: &[usize], m: usize, act: Activation, cost: Cost) -> Element {
    let delta = under(mi("δ", Some(l)), n[l], m);
    if l < n.len() - 1 {
        hidden_delta(delta, l, n, m)
    } else if cost.simplifies_with(act) {
        let why = if act == Activation::Softmax {
            "softmax + cross-entropy: the Jacobian times −y/a collapses to"
        } else {
            "sigmoid + BCE: (−y/a + (1−y)/(1−a)) · a(1−a) ="
        };
        let mut body = general_delta(delta, l, n, m);
        body.extend([
            space("1em"),
            mtext(why),
            space("0.5em"),
            mi("A", Some(l)).into(),
            mo("−"),
            el("mi").text("Y").into(),
        ]);
        math(body)
    } else if act == Activation::Softmax {
        softmax_delta(delta, cost)
    } else {
        let mut body = general_delta(delta, l, n, m);
        body.extend([
            space("1em"),
            mtext(format!("∇ₐC of {} , σ′ of {}", cost.name(), act.name())),
        ]);
        math(body)
    }
}

/// δ[l] = (W[l+1]ᵀ · δ[l+1]) ⊙ σ′(Z[l]).
fn hidden_delta(delta: Node, l: usize, n: &[usize], m: usize) -> Element {
    math(vec![
        delta,
        mo("="),
        mo("("),
        under(transposed(mi("W", Some(l + 1))), n[l], n[l + 1]),
        mo("·"),
        under(mi("δ", Some(l + 1)), n[l + 1], m),
        mo(")"),
        mo("⊙"),
        el("mi").text("σ′").into(),
        mo("("),
        under(mi("Z", Some(l)), n[l], m),
        mo(")"),
    ])
}

/// δ[L] = ∇ₐC ⊙ σ′(Z[L]), the terms of the general output error.
fn general_delta(delta: Node, l: usize, n: &[usize], m: usize) -> Vec<Node> {
    let grad = fragment([
        el("msub")
            .child(el("mo").text("∇"))
            .child(el("mi").text("a"))
            .into(),
        el("mi").text("C").into(),
    ]);
    vec![
        delta,
        mo("="),
        under(grad, n[l], m),
        mo("⊙"),
        el("mi").text("σ′").into(),
        mo("("),
        under(mi("Z", Some(l)), n[l], m),
        mo(")"),
    ]
}

/// δ[L]ᵢ = aᵢ (gᵢ − Σⱼ aⱼ gⱼ) with g = ∇ₐC: softmax with a cost it does not simplify with.
fn softmax_delta(delta: Node, cost: Cost) -> Element {
    let sub = |a: &str, i: &str| -> Node {
        el("msub")
            .child(el("mi").text(a))
            .child(el("mi").text(i))
            .into()
    };
    math(vec![
        delta,
        mo("="),
        sub("a", "i"),
        mo("("),
        sub("g", "i"),
        mo("−"),
        el("munder")
            .child(el("mo").text("∑"))
            .child(el("mi").text("j"))
            .into(),
        sub("a", "j"),
        sub("g", "j"),
        mo(")"),
        mtext(format!(", g = ∇ₐC ({}: softmax's Jacobian)", cost.name())),
    ])
}

/// dW[l] = (1/m) δ[l]·A[l−1]ᵀ (+ λW[l] or λ·sign(W[l]) with a penalty), db[l] = (1/m) Σ δ[l].
pub fn gradients(l: usize, n: &[usize], m: usize, reg: Regularization) -> Element {
    let mut body = vec![
        under(mi("dW", Some(l)), n[l], n[l - 1]),
        mo("="),
        one_over_m(),
        under(mi("δ", Some(l)), n[l], m),
        mo("·"),
        under(transposed(mi("A", Some(l - 1))), m, n[l - 1]),
    ];
    let mut lambda = String::new();
    if reg.is_active() {
        body.extend([mo("+"), el("mi").text("λ").into()]);
        match reg.penalty {
            Penalty::L1 => body.extend([
                el("mi").text("sign").into(),
                mo("("),
                mi("W", Some(l)).into(),
                mo(")"),
            ]),
            _ => body.push(mi("W", Some(l)).into()),
        }
        lambda = format!(", λ = {}", reg.rate);
    }
    body.extend([
        space("1.5em"),
        under(mi("db", Some(l)), n[l], 1),
        mo("="),
        one_over_m(),
        el("munder")
            .child(el("mo").text("∑"))
            .child(el("mtext").text("columns"))
            .into(),
        mi("δ", Some(l)).into(),
        mtext(format!(", m = {m}{lambda}")),
    ]);
    math(body)
}
