use super::*;

/// Expected strings written by hand from the HTML escaping rules.
#[test]
fn text_and_attribute_values_are_escaped() {
    let evil = "<img src=x onerror=alert(1)>\"'&";
    let html = el("p")
        .class(evil)
        .data("m", evil)
        .text(evil)
        .child(el("b").text("x"))
        .to_html();
    assert_eq!(
        html.as_str(),
        "<p class=\"&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;\" \
         data-m=\"&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;\">\
         &lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;<b>x</b></p>"
    );
}

#[test]
fn void_elements_flags_and_fragments() {
    let html = fragment([
        el("input")
            .attr(Attr::Type, "checkbox")
            .flag(Attr::Checked, true)
            .flag(Attr::Disabled, false)
            .into(),
        el("br").into(),
        text("a < b"),
    ])
    .to_html();
    assert_eq!(
        html.as_str(),
        "<input type=\"checkbox\" checked=\"\"><br>a &lt; b"
    );
}

#[test]
fn a_later_value_replaces_an_earlier_one() {
    let html = el("span")
        .class("a")
        .class("b")
        .aria("label", "x")
        .to_html();
    assert_eq!(html.as_str(), "<span class=\"b\" aria-label=\"x\"></span>");
}

#[test]
#[should_panic(expected = "not allowed")]
fn script_is_not_a_tag_markup_makes() {
    let _ = el("script");
}

#[test]
#[should_panic(expected = "not allowed")]
fn a_data_name_cannot_smuggle_an_attribute() {
    let _ = el("p").data("x onclick", "1");
}
