/// The report's inline style sheet: calm, readable on screen, A4 on paper, and direction-neutral
/// (logical `start`/`end` alignment, so right-to-left scenarios lay out mirrored). In a
/// right-to-left report every paragraph and cell takes its direction from its own first letter
/// (`unicode-bidi: plaintext`), so English labels and Arabic content both read in order, all
/// aligned to the right.
enum HTMLStyle {
    static let css = """
    :root{--ink:#232323;--muted:#686868;--line:#dcdcdc;--soft:#f6f6f4;--accent:#3a6ea5}
    *{box-sizing:border-box}
    html{background:#fff}
    body{font-family:system-ui,"Noto Sans","Noto Sans Arabic","Noto Naskh Arabic","WenQuanYi Micro Hei","Noto Sans CJK SC","DejaVu Sans",sans-serif;
    color:var(--ink);max-width:1060px;margin:0 auto;padding:28px 32px 56px;line-height:1.5;font-size:14px}
    header{border-bottom:3px solid var(--accent);padding-bottom:12px;margin-bottom:8px}
    h1{font-size:25px;margin:0 0 2px;font-weight:650;line-height:1.25}
    .kicker{text-transform:uppercase;letter-spacing:.08em;font-size:11px;color:var(--accent);font-weight:600;margin:0 0 6px}
    .sub{color:var(--muted);margin:0}
    h2{font-size:18px;margin:34px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line);font-weight:650}
    h3{font-size:15px;margin:22px 0 6px;font-weight:650}
    h4{font-size:13px;margin:12px 0 4px;font-weight:650;color:var(--muted)}
    p{margin:6px 0}
    .muted{color:var(--muted)}
    nav.toc{font-size:12.5px;color:var(--muted);margin:10px 0 0}
    nav.toc a{color:var(--accent);text-decoration:none;margin-inline-end:14px;white-space:nowrap}
    ul.summary{padding-inline-start:20px;margin:6px 0}
    ul.summary li{margin:3px 0}
    dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:3px 18px;margin:8px 0}
    dl.facts dt{color:var(--muted)}
    dl.facts dd{margin:0}
    table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:12.5px}
    th,td{text-align:start;padding:4px 7px;border-bottom:1px solid #ececec;vertical-align:top}
    thead th{font-weight:600;border-bottom:1px solid #b9b9b9;background:var(--soft)}
    .small{font-size:11.5px;color:var(--muted)}
    td.num,th.num{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}
    td.id{white-space:nowrap;font-variant-numeric:tabular-nums}
    .badge{display:inline-block;min-width:1.7em;text-align:center;border-radius:3px;color:#fff;font-weight:700;padding:0 5px;font-size:12px}
    .r-P{background:#3b8b5a}.r-S{background:#7f9f45}.r-M{background:#c98a1f}.r-U{background:#b44b36}.r-none{background:#9a9a9a}
    .o{white-space:nowrap}
    .o-correct{background:#e3f3e7}.o-partial{background:#fbf1d3}.o-wrong{background:#f8dedb}.o-missed{background:#ededed}.o-pending{background:#e3ecf8}
    .sym{display:inline-block;width:1.1em;text-align:center;font-weight:700}
    figure{margin:14px 0 22px}
    figcaption{font-size:12px;color:var(--muted);margin-top:4px}
    svg.chart{display:block;max-width:100%;height:auto;font-family:inherit;direction:ltr}
    .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:14px}
    .card{border:1px solid var(--line);border-radius:6px;padding:10px 14px;background:#fff}
    .card h3{margin-top:2px}
    .card ul{padding-inline-start:18px;margin:4px 0}
    .card li{margin:3px 0}
    .none{color:var(--muted);font-style:italic}
    .blank{color:#bbb}
    section.team{border-top:1px solid var(--line);margin-top:18px}
    .note-kind{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
    html[dir=rtl] :is(td,th,h1,h2,h3,h4,p,li,dt,dd,figcaption,footer){unicode-bidi:plaintext;text-align:right}
    footer{margin-top:40px;font-size:11.5px;color:var(--muted);border-top:1px solid var(--line);padding-top:8px}
    @media print{
    @page{size:A4;margin:14mm 12mm 16mm}
    body{max-width:none;padding:0;font-size:9.5pt}
    nav.toc{display:none}
    h2{break-after:avoid;margin-top:20px}
    h3,h4{break-after:avoid}
    figure,.card,tr,dl.facts{break-inside:avoid}
    thead{display:table-header-group}
    td.num{white-space:normal}
    section.team{break-before:page;border-top:none}
    a{color:inherit;text-decoration:none}
    }
    """
}
