//! PDF receipts: a tagged PDF (PDF/UA-1, so screen readers read it in order, with headings) in
//! A4, with DejaVu Sans embedded and subsetted, so every name a citizen types (Şükrü, Łukasz,
//! Ζωή) prints as typed. Layout is deliberately simple: blocks flow down the page and break to
//! the next one; a label/value row keeps its lines together.

use std::num::NonZeroU16;
use std::sync::LazyLock;

use krilla::configure::{Accessibility, Configuration, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, Tag, TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};
use qrcode::QrCode;

use crate::receipt::Receipt;

const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// A4 in PostScript points.
const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Room kept free at the bottom for the page number.
const FOOTER_SPACE: f32 = 28.0;
const BODY_SIZE: f32 = 10.5;
const LINE_FACTOR: f32 = 1.4;
/// Labels take this share of the width, values the rest.
const LABEL_SHARE: f32 = 0.38;
const NESTED_INDENT: f32 = 14.0;
/// Side of the printed GiroCode: about 4 cm, which phone cameras read at arm's length.
const QR_SIDE: f32 = 120.0;

struct Fonts {
    regular: Font,
    bold: Font,
    regular_face: ttf_parser::Face<'static>,
    bold_face: ttf_parser::Face<'static>,
}

/// Parsed once: the fonts are part of the binary.
static FONTS: LazyLock<Option<Fonts>> = LazyLock::new(|| {
    Some(Fonts {
        regular: Font::new(REGULAR_TTF.into(), 0)?,
        bold: Font::new(BOLD_TTF.into(), 0)?,
        regular_face: ttf_parser::Face::parse(REGULAR_TTF, 0).ok()?,
        bold_face: ttf_parser::Face::parse(BOLD_TTF, 0).ok()?,
    })
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weight {
    Regular,
    Bold,
}

/// What the receipt consists of, in reading order; each block is one structure element.
enum Block {
    Heading {
        level: u16,
        text: String,
    },
    Paragraph {
        text: String,
    },
    /// A label and its value side by side (a group item's heading has no value).
    Row {
        label: String,
        value: String,
        nested: bool,
    },
    GiroCode {
        code: QrCode,
        alt: String,
    },
}

/// One line of text or a drawing at a place on a page, belonging to block `block`.
enum Mark {
    Text {
        block: usize,
        x: f32,
        baseline: f32,
        size: f32,
        weight: Weight,
        text: String,
    },
    Code {
        block: usize,
        x: f32,
        top: f32,
        code: QrCode,
    },
}

/// The receipt as a PDF.
pub(crate) fn receipt_pdf(receipt: &Receipt) -> anyhow::Result<Vec<u8>> {
    let fonts = FONTS
        .as_ref()
        .ok_or_else(|| anyhow::anyhow!("the embedded fonts cannot be read"))?;
    let blocks = blocks_of(receipt);
    let pages = lay_out(&blocks, fonts);
    let texts = receipt.texts();
    let title = format!("{}: {}", texts.title, receipt.form_title);

    let configuration: Configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|error| anyhow::anyhow!("PDF configuration: {error:?}"))?;
    let mut document = Document::new_with(SerializeSettings {
        configuration,
        ..SerializeSettings::default()
    });
    document.set_outline(outline(&blocks, &pages));
    let mut identifiers: Vec<Vec<Identifier>> = blocks.iter().map(|_| Vec::new()).collect();
    let page_count = pages.len();
    for (index, marks) in pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| anyhow::anyhow!("page size"))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for mark in marks {
            match mark {
                Mark::Text {
                    block,
                    x,
                    baseline,
                    size,
                    weight,
                    text,
                } => {
                    let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                    draw_text(&mut surface, fonts, x, baseline, size, weight, &text);
                    surface.end_tagged();
                    identifiers[block].push(id);
                }
                Mark::Code {
                    block,
                    x,
                    top,
                    code,
                } => {
                    let id = surface.start_tagged(ContentTag::Other);
                    draw_code(&mut surface, &code, x, top);
                    surface.end_tagged();
                    identifiers[block].push(id);
                }
            }
        }
        // "Seite 1 von 2" is pagination, not content: an artifact, skipped by screen readers.
        let footer = match receipt.lang {
            shared::Lang::En => format!("Page {} of {page_count}", index + 1),
            _ => format!("Seite {} von {page_count}", index + 1),
        };
        surface.start_tagged(ContentTag::Artifact(Artifact::new(
            ArtifactType::PageNumber,
            None,
        )));
        draw_text(
            &mut surface,
            fonts,
            MARGIN,
            PAGE_HEIGHT - MARGIN / 2.0,
            8.5,
            Weight::Regular,
            &format!("{} · {footer}", receipt.reference),
        );
        surface.end_tagged();
        surface.finish();
        page.finish();
    }

    let mut tree = TagTree::new();
    for (block, ids) in blocks.iter().zip(identifiers) {
        let tag: TagKind = match block {
            Block::Heading { level, text } => Tag::Hn(
                NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN),
                Some(text.clone()),
            )
            .into(),
            Block::Paragraph { .. } | Block::Row { .. } => Tag::P.into(),
            Block::GiroCode { alt, .. } => Tag::Figure(Some(alt.clone())).into(),
        };
        let mut group = TagGroup::new(tag);
        for id in ids {
            group.push(id);
        }
        tree.push(group);
    }
    document.set_tag_tree(tree);
    document.set_metadata(
        Metadata::new()
            .title(title)
            .language(receipt.lang.tag().to_owned())
            .creator("Bürgerportal".to_owned()),
    );
    document
        .finish()
        .map_err(|error| anyhow::anyhow!("cannot write the PDF: {error:?}"))
}

/// Bookmarks for the headings (PDF/UA asks for them): the title, with the sections under it.
fn outline(blocks: &[Block], pages: &[Vec<Mark>]) -> Outline {
    let position = |wanted: usize| {
        pages.iter().enumerate().find_map(|(page, marks)| {
            marks.iter().find_map(|mark| match mark {
                Mark::Text {
                    block, x, baseline, ..
                } if *block == wanted => Some(XyzDestination::new(
                    page,
                    Point::from_xy(*x, (baseline - 20.0).max(0.0)),
                )),
                _ => None,
            })
        })
    };
    let mut outline = Outline::new();
    let mut root: Option<OutlineNode> = None;
    for (index, block) in blocks.iter().enumerate() {
        let Block::Heading { level, text } = block else {
            continue;
        };
        let Some(destination) = position(index) else {
            continue;
        };
        let node = OutlineNode::new(text.clone(), destination);
        match (&mut root, level) {
            (Some(root), 2..) => root.push_child(node),
            _ => {
                if let Some(previous) = root.replace(node.with_open(true)) {
                    outline.push_child(previous);
                }
            }
        }
    }
    if let Some(root) = root {
        outline.push_child(root);
    }
    outline
}

/// The receipt's content in reading order.
fn blocks_of(receipt: &Receipt) -> Vec<Block> {
    let texts = receipt.texts();
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: texts.title.to_owned(),
        },
        Block::Paragraph {
            text: receipt.form_title.clone(),
        },
        Block::Row {
            label: texts.reference.to_owned(),
            value: receipt.reference.clone(),
            nested: false,
        },
        Block::Row {
            label: texts.received_at.to_owned(),
            value: receipt.received_at.clone(),
            nested: false,
        },
    ];
    if let Some(code) = &receipt.access_code {
        blocks.push(Block::Row {
            label: texts.access_code.to_owned(),
            value: code.clone(),
            nested: false,
        });
    }
    blocks.push(Block::Paragraph {
        text: texts.keep.to_owned(),
    });
    if let Some(payment) = &receipt.payment {
        blocks.push(Block::Heading {
            level: 2,
            text: texts.fee.to_owned(),
        });
        for (label, value) in [
            (texts.amount, &payment.amount),
            (texts.recipient, &payment.recipient),
            ("IBAN", &payment.iban),
            (texts.remittance, &payment.remittance),
        ] {
            blocks.push(Block::Row {
                label: label.to_owned(),
                value: value.clone(),
                nested: false,
            });
        }
        if let Some(code) = &payment.giro_code {
            blocks.push(Block::Paragraph {
                text: texts.giro_code.to_owned(),
            });
            blocks.push(Block::GiroCode {
                code: code.clone(),
                alt: texts.giro_code.to_owned(),
            });
        }
    }
    for section in &receipt.sections {
        blocks.push(Block::Heading {
            level: 2,
            text: section.heading.clone(),
        });
        blocks.extend(section.rows.iter().map(|row| Block::Row {
            label: row.label.clone(),
            value: row.value.clone(),
            nested: row.nested,
        }));
    }
    blocks
}

/// Flows the blocks onto pages.
fn lay_out(blocks: &[Block], fonts: &Fonts) -> Vec<Vec<Mark>> {
    let bottom = PAGE_HEIGHT - MARGIN - FOOTER_SPACE;
    let mut pages: Vec<Vec<Mark>> = vec![Vec::new()];
    let mut y = MARGIN;
    for (index, block) in blocks.iter().enumerate() {
        let (space_before, lines, height) = match block {
            Block::Heading { level, text } => {
                let size = if *level == 1 { 20.0 } else { 14.0 };
                let lines = wrap(fonts, Weight::Bold, size, text, CONTENT_WIDTH);
                let height = lines.len() as f32 * size * LINE_FACTOR;
                let column = Column {
                    x: MARGIN,
                    size,
                    weight: Weight::Bold,
                    lines,
                };
                (if *level == 1 { 0.0 } else { 14.0 }, vec![column], height)
            }
            Block::Paragraph { text } => {
                let lines = wrap(fonts, Weight::Regular, BODY_SIZE, text, CONTENT_WIDTH);
                let height = lines.len() as f32 * BODY_SIZE * LINE_FACTOR;
                let column = Column {
                    x: MARGIN,
                    size: BODY_SIZE,
                    weight: Weight::Regular,
                    lines,
                };
                (6.0, vec![column], height)
            }
            Block::Row {
                label,
                value,
                nested,
            } => {
                let indent = if *nested { NESTED_INDENT } else { 0.0 };
                let label_width = CONTENT_WIDTH * LABEL_SHARE - indent - 8.0;
                let value_x = MARGIN + CONTENT_WIDTH * LABEL_SHARE;
                let label_weight = if value.is_empty() {
                    Weight::Bold
                } else {
                    Weight::Regular
                };
                let label_lines = wrap(fonts, label_weight, BODY_SIZE, label, label_width);
                let value_lines = wrap(
                    fonts,
                    Weight::Bold,
                    BODY_SIZE,
                    value,
                    CONTENT_WIDTH * (1.0 - LABEL_SHARE),
                );
                let rows = label_lines.len().max(value_lines.len());
                let height = rows as f32 * BODY_SIZE * LINE_FACTOR;
                let columns = vec![
                    Column {
                        x: MARGIN + indent,
                        size: BODY_SIZE,
                        weight: label_weight,
                        lines: label_lines,
                    },
                    Column {
                        x: value_x,
                        size: BODY_SIZE,
                        weight: Weight::Bold,
                        lines: value_lines,
                    },
                ];
                (3.0, columns, height)
            }
            Block::GiroCode { code, .. } => {
                if y + 6.0 + QR_SIDE > bottom {
                    pages.push(Vec::new());
                    y = MARGIN;
                }
                if let Some(page) = pages.last_mut() {
                    page.push(Mark::Code {
                        block: index,
                        x: MARGIN,
                        top: y + 6.0,
                        code: code.clone(),
                    });
                }
                y += 6.0 + QR_SIDE;
                continue;
            }
        };
        // Keep a block together unless it is taller than a page; then break it line by line.
        if y + space_before + height > bottom && y > MARGIN {
            pages.push(Vec::new());
            y = MARGIN;
        } else {
            y += space_before;
        }
        let rows = lines
            .iter()
            .map(|column| column.lines.len())
            .max()
            .unwrap_or(0);
        let line_height = lines.first().map_or(BODY_SIZE, |column| column.size) * LINE_FACTOR;
        for row in 0..rows {
            if y + line_height > bottom {
                pages.push(Vec::new());
                y = MARGIN;
            }
            for column in &lines {
                if let (Some(text), Some(page)) = (column.lines.get(row), pages.last_mut()) {
                    page.push(Mark::Text {
                        block: index,
                        x: column.x,
                        // The baseline sits about 80 % down a line of this font.
                        baseline: y + column.size * 1.05,
                        size: column.size,
                        weight: column.weight,
                        text: text.clone(),
                    });
                }
            }
            y += line_height;
        }
    }
    pages
}

/// Lines of text that start at `x`.
struct Column {
    x: f32,
    size: f32,
    weight: Weight,
    lines: Vec<String>,
}

fn face(fonts: &Fonts, weight: Weight) -> &ttf_parser::Face<'static> {
    match weight {
        Weight::Regular => &fonts.regular_face,
        Weight::Bold => &fonts.bold_face,
    }
}

/// Width of `text` in points.
fn text_width(fonts: &Fonts, weight: Weight, size: f32, text: &str) -> f32 {
    let face = face(fonts, weight);
    let units: u32 = text
        .chars()
        .map(|character| {
            face.glyph_index(character)
                .and_then(|glyph| face.glyph_hor_advance(glyph))
                .map_or(0, u32::from)
        })
        .sum();
    units as f32 * size / f32::from(face.units_per_em())
}

/// Greedy line breaking at spaces (explicit line breaks kept); a word wider than the line is
/// broken between characters.
fn wrap(fonts: &Fonts, weight: Weight, size: f32, text: &str, width: f32) -> Vec<String> {
    let fits = |line: &str| text_width(fonts, weight, size, line) <= width;
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if fits(&candidate) {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if fits(word) {
                line = word.to_owned();
            } else {
                for character in word.chars() {
                    line.push(character);
                    if !fits(&line) {
                        line.pop();
                        lines.push(std::mem::take(&mut line));
                        line.push(character);
                    }
                }
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
    }
    lines
}

fn draw_text(
    surface: &mut Surface<'_>,
    fonts: &Fonts,
    x: f32,
    baseline: f32,
    size: f32,
    weight: Weight,
    text: &str,
) {
    let font = match weight {
        Weight::Regular => fonts.regular.clone(),
        Weight::Bold => fonts.bold.clone(),
    };
    surface.draw_text(
        Point::from_xy(x, baseline),
        font,
        size,
        text,
        false,
        TextDirection::Auto,
    );
}

/// The QR symbol as black squares, with its quiet zone left white.
fn draw_code(surface: &mut Surface<'_>, code: &QrCode, x: f32, top: f32) {
    const QUIET_ZONE: usize = 4;
    let modules = code.width();
    let module = QR_SIDE / (modules + 2 * QUIET_ZONE) as f32;
    let mut path = PathBuilder::new();
    for (index, color) in code.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (column, row) = (index % modules, index / modules);
            if let Some(rect) = Rect::from_xywh(
                x + (column + QUIET_ZONE) as f32 * module,
                top + (row + QUIET_ZONE) as f32 * module,
                module,
                module,
            ) {
                path.push_rect(rect);
            }
        }
    }
    if let Some(path) = path.finish() {
        surface.set_fill(Some(krilla::paint::Fill::default()));
        surface.draw_path(&path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::receipt::{Row, Section};

    #[test]
    fn a_long_receipt_renders_on_several_pages() {
        let rows: Vec<Row> = (0..120)
            .map(|index| Row {
                label: format!("Frage {index}"),
                value: "Antwort mit etwas Text ".repeat(index % 7 + 1),
                nested: index % 3 == 0,
            })
            .collect();
        let receipt = Receipt {
            lang: shared::Lang::De,
            form_title: "Test".to_owned(),
            reference: "BP-2026-000001".to_owned(),
            received_at: "30.11.2026, 14:05 Uhr".to_owned(),
            access_code: Some("ABCD-EFGH-JKLM".to_owned()),
            sections: vec![Section {
                heading: "Alles".to_owned(),
                rows,
            }],
            payment: None,
        };
        let pdf = receipt_pdf(&receipt).unwrap_or_else(|error| panic!("{error:#}"));
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(lay_out(&blocks_of(&receipt), FONTS.as_ref().expect("fonts")).len() > 2);
    }

    #[test]
    fn long_text_wraps_within_the_width_and_keeps_every_word() {
        let fonts = FONTS.as_ref().expect("fonts");
        let text = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen und noch \
                    einige weitere Wörter\nneue Zeile";
        let lines = wrap(fonts, Weight::Regular, BODY_SIZE, text, 120.0);
        assert!(lines.len() > 3, "{lines:?}");
        for line in &lines {
            assert!(
                text_width(fonts, Weight::Regular, BODY_SIZE, line) <= 120.0,
                "{line}"
            );
        }
        assert_eq!(lines.last().map(String::as_str), Some("neue Zeile"));
        let joined: String = lines.concat().split_whitespace().collect();
        let expected: String = text.split_whitespace().collect();
        assert_eq!(joined, expected);
    }
}
