//! Charts drawn on the server as SVG, so they show without JavaScript and print: a trend line,
//! bars by place and a tile map of the oblasts. Each is an image with a name; the page puts its
//! numbers in a table beside it, which is what screen readers read. Coordinates are floats (they
//! are pixels); the figures themselves stay integers until they are drawn.

use plotters::prelude::*;

const WIDTH: u32 = 640;
const INK: RGBColor = RGBColor(31, 78, 121);
const GRID: RGBColor = RGBColor(220, 226, 232);

/// A figure to draw: its label (a period, a place) and its value in the unit drawn.
pub struct Point {
    pub label: String,
    pub value: Option<f64>,
}

fn accessible(svg: String, title: &str) -> String {
    let title = escape(title);
    svg.replacen("<svg ", &format!("<svg role=\"img\" aria-label=\"{title}\" class=\"chart\" "), 1).replacen(
        '>',
        &format!("><title>{title}</title>"),
        1,
    )
}

/// Escapes text for SVG and HTML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn range(points: &[Point]) -> (f64, f64) {
    let values = points.iter().filter_map(|p| p.value);
    let max = values.clone().fold(0.0, f64::max);
    let min = values.fold(0.0, f64::min);
    (min * 1.1, if max > 0.0 { max * 1.15 } else { 1.0 })
}

/// A line through the figures of consecutive periods.
pub fn trend(title: &str, points: &[Point], format: &dyn Fn(f64) -> String) -> String {
    if points.is_empty() {
        return String::new();
    }
    let mut svg = String::new();
    let n = i32::try_from(points.len()).unwrap_or(i32::MAX).max(1);
    let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 260)).into_drawing_area();
        root.fill(&WHITE)?;
        let (min, max) = range(points);
        let mut chart = ChartBuilder::on(&root)
            .margin(14)
            .x_label_area_size(30)
            .y_label_area_size(96)
            .build_cartesian_2d((0..n).into_segmented(), min..max)?;
        let label = |x: &SegmentValue<i32>| match x {
            SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => {
                usize::try_from(*i).ok().and_then(|i| points.get(i)).map(|p| p.label.clone()).unwrap_or_default()
            }
            SegmentValue::Last => String::new(),
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .x_labels(points.len().min(12))
            .x_label_formatter(&label)
            .y_labels(5)
            .y_label_formatter(&|y| format(*y))
            .label_style(("sans-serif", 13))
            .draw()?;
        let at: Vec<(SegmentValue<i32>, f64)> = points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((SegmentValue::CenterOf(i32::try_from(i).ok()?), p.value?)))
            .collect();
        chart.draw_series(LineSeries::new(at.clone(), INK.stroke_width(2)))?;
        chart.draw_series(at.into_iter().map(|p| Circle::new(p, 4, INK.filled())))?;
        root.present()?;
        Ok(())
    })()
    .is_ok();
    if drawn { accessible(svg, title) } else { String::new() }
}

/// Horizontal bars, one for each place.
pub fn bars(title: &str, points: &[Point], format: &dyn Fn(f64) -> String) -> String {
    if points.is_empty() {
        return String::new();
    }
    let mut svg = String::new();
    let n = i32::try_from(points.len()).unwrap_or(i32::MAX).max(1);
    let height = 60 + 34 * u32::try_from(points.len()).unwrap_or(0);
    // The first place at the top, as in the table beside.
    let row = |i: usize| n - 1 - i32::try_from(i).unwrap_or(0);
    let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let (min, max) = range(points);
        let mut chart = ChartBuilder::on(&root)
            .margin(14)
            .x_label_area_size(26)
            .y_label_area_size(170)
            .build_cartesian_2d(min..max, (0..n).into_segmented())?;
        let label = |y: &SegmentValue<i32>| match y {
            SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => usize::try_from(n - 1 - *i)
                .ok()
                .and_then(|i| points.get(i))
                .map(|p| p.label.clone())
                .unwrap_or_default(),
            SegmentValue::Last => String::new(),
        };
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .y_labels(points.len())
            .y_label_formatter(&label)
            .x_labels(4)
            .x_label_formatter(&|x| format(*x))
            .label_style(("sans-serif", 13))
            .draw()?;
        chart.draw_series(points.iter().enumerate().filter_map(|(i, p)| {
            let i = row(i);
            let v = p.value?;
            let mut bar =
                Rectangle::new([(0.0, SegmentValue::Exact(i)), (v, SegmentValue::Exact(i + 1))], INK.filled());
            bar.set_margin(5, 5, 0, 0);
            Some(bar)
        }))?;
        root.present()?;
        Ok(())
    })()
    .is_ok();
    if drawn { accessible(svg, title) } else { String::new() }
}

/// Where each oblast and city sits on the tile map: column and row, west to east, north to south.
const TILES: &[(&str, u32, u32)] = &[
    ("KG-T", 0, 0),
    ("KG-C", 1, 0),
    ("KG-GB", 2, 0),
    ("KG-Y", 3, 0),
    ("KG-J", 1, 1),
    ("KG-N", 2, 1),
    ("KG-B", 0, 2),
    ("KG-O", 1, 2),
    ("KG-GO", 2, 2),
];

/// The shades of the tile map, lightest for the least; text is dark on the first three.
const SHADES: [(u8, u8, u8); 5] = [(234, 241, 247), (198, 219, 236), (142, 184, 216), (66, 126, 178), (31, 78, 121)];

/// A tile for each oblast and city, shaded by its figure. `tiles` are (code, short name, value
/// as written, value drawn).
pub fn tile_map(title: &str, tiles: &[(String, String, String, Option<f64>)]) -> String {
    let (w, h, gap) = (150u32, 84u32, 6u32);
    let max = tiles.iter().filter_map(|t| t.3).fold(0.0, f64::max);
    let mut body = String::new();
    for (code, col, row) in TILES {
        let Some((_, name, written, value)) = tiles.iter().find(|t| t.0 == *code) else { continue };
        let shade = match value {
            Some(v) if max > 0.0 && *v > 0.0 => ((v / max) * 4.0).ceil().clamp(1.0, 4.0) as usize,
            _ => 0,
        };
        let (r, g, b) = SHADES[shade];
        let text = if shade >= 3 { "#ffffff" } else { "#1b2733" };
        let (x, y) = (col * (w + gap), row * (h + gap));
        body.push_str(&format!(
            "<g><rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"6\" fill=\"rgb({r},{g},{b})\" stroke=\"#8a99a8\"/>\
             <text x=\"{tx}\" y=\"{ty1}\" font-family=\"sans-serif\" font-size=\"13\" fill=\"{text}\">{name}</text>\
             <text x=\"{tx}\" y=\"{ty2}\" font-family=\"sans-serif\" font-size=\"16\" font-weight=\"bold\" fill=\"{text}\">{written}</text></g>",
            tx = x + 10,
            ty1 = y + 30,
            ty2 = y + 58,
            name = escape(name),
            written = escape(written),
        ));
    }
    let (width, height) = (4 * (w + gap), 3 * (h + gap));
    let title = escape(title);
    format!(
        "<svg role=\"img\" aria-label=\"{title}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" \
         viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\"><title>{title}</title>{body}</svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points() -> Vec<Point> {
        vec![
            Point { label: "2022".into(), value: Some(10.0) },
            Point { label: "2023".into(), value: None },
            Point { label: "2024".into(), value: Some(35.0) },
        ]
    }

    #[test]
    fn a_trend_is_an_svg_image_named_by_its_title_with_its_periods_written() {
        let svg = trend("Grants <paid>", &points(), &|v| format!("{v:.0}"));
        assert!(svg.starts_with("<svg role=\"img\" aria-label=\"Grants &lt;paid&gt;\""), "{svg:.200}");
        assert!(svg.contains("<title>Grants &lt;paid&gt;</title>"));
        assert!(svg.contains("2022") && svg.contains("2024"));
        assert!(svg.contains("<circle"), "points are marked");
    }

    #[test]
    fn nothing_to_draw_draws_nothing_and_one_period_draws_a_point() {
        assert_eq!(trend("t", &[], &|v| format!("{v}")), "");
        assert_eq!(bars("t", &[], &|v| format!("{v}")), "");
        let one = [Point { label: "2024".into(), value: Some(0.0) }];
        assert!(trend("t", &one, &|v| format!("{v}")).contains("<circle"));
        let none = [Point { label: "KG-B".into(), value: None }];
        assert!(bars("t", &none, &|v| format!("{v}")).starts_with("<svg"));
    }

    #[test]
    fn bars_draw_one_rectangle_for_each_place_with_a_figure() {
        let svg = bars("By oblast", &points(), &|v| format!("{v:.0}"));
        assert!(svg.contains("aria-label=\"By oblast\""));
        let filled = svg.matches("<rect").count();
        assert!(filled >= 2, "{filled} rectangles");
    }

    #[test]
    fn the_tile_map_shades_the_largest_darkest_and_writes_every_figure() {
        let tiles = vec![
            ("KG-J".to_string(), "Jalal-Abad".to_string(), "4,000".to_string(), Some(4_000.0)),
            ("KG-T".to_string(), "Talas".to_string(), "—".to_string(), None),
        ];
        let svg = tile_map("Contracts", &tiles);
        assert!(svg.contains("rgb(31,78,121)") && svg.contains("4,000"));
        assert!(svg.contains("rgb(234,241,247)") && svg.contains("Talas"));
        assert_eq!(svg.matches("<rect").count(), 2);
    }
}
