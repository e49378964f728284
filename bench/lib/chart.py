"""The results chart: left, CPU per request of each proxy ÷ the upstream's (target line at 4.0);
right, p50 latency per connection count and target on a log scale."""
import math

from . import stats
from .canvas import Canvas

COLORS = {"direct": (120, 120, 120), "nginx": (46, 125, 50), "gateway-auth": (100, 149, 237), "gateway-prev": (190, 150, 60),
          "gateway-full": (25, 60, 160), "nginx-h2": (130, 190, 120), "gateway-traced": (120, 60, 160),
          "gateway-h2": (60, 170, 190)}
SHORT = {"direct": "DIRECT", "nginx": "NGINX", "gateway-auth": "GATEWAY AUTH ONLY", "gateway-prev": "PREVIOUS BUILD", "gateway-full": "GATEWAY FULL"}
GRID, AXIS, RED = (225, 225, 225), (60, 60, 60), (200, 40, 40)


def write(path, rounds, targets, labels, connections):
    cv = Canvas(1100, 480)
    top = max(connections)
    _ratio_panel(cv, rounds, [t for t in targets if t != "direct"], top, x0=70, x1=470, y0=60, y1=400)
    _latency_panel(cv, rounds, targets, connections, x0=620, x1=1080, y0=60, y1=400)
    x = 70
    for t in targets:  # legend
        cv.rect(x, 448, x + 14, 462, COLORS.get(t, AXIS))
        x += 22 + cv.text(x + 22, 449, SHORT.get(t, t)) + 24
    cv.save(path)


def _ratio_panel(cv, rounds, targets, conns, x0, x1, y0, y1):
    cv.text(x0 - 50, 16, f"CPU PER REQUEST / UPSTREAM CPU ({conns} CONNS)")
    values = []
    for t in targets:
        c = stats.cell(rounds, t, conns)
        values.append(c["ratio"][0] if c and c["ratio"] else None)
    vmax = max([v for v in values if v] + [4.0]) * 1.15
    step = 1 if vmax <= 8 else 2 if vmax <= 16 else 5
    for i in range(0, int(vmax) + 1, step):
        y = y1 - (y1 - y0) * i / vmax
        cv.hline(x0, x1, y, GRID)
        cv.text(x0 - 10 - cv.text_width(i), y - 7, i, AXIS)
    slot = (x1 - x0) / max(len(targets), 1)
    for i, (t, v) in enumerate(zip(targets, values)):
        bx = x0 + slot * i + slot * 0.2
        bw = slot * 0.6
        if v is not None:
            cv.rect(bx, y1 - (y1 - y0) * v / vmax, bx + bw, y1, COLORS.get(t, AXIS))
            label = f"{v:.2f}"
            cv.text(bx + bw / 2 - cv.text_width(label) / 2, y1 - (y1 - y0) * v / vmax - 20, label)
        name = SHORT.get(t, t).replace("GATEWAY ", "GW ")
        cv.text(bx + bw / 2 - cv.text_width(name, 1) / 2, y1 + 8, name, AXIS, scale=1)
    y4 = y1 - (y1 - y0) * 4.0 / vmax  # drawn last so no bar hides it
    cv.hline(x0, x1, y4, RED, dash=6)
    cv.text(x0 + 6, y4 - 20, "TARGET 4", RED)
    cv.vline(x0, y0, y1, AXIS)
    cv.hline(x0, x1, y1, AXIS)


def _latency_panel(cv, rounds, targets, connections, x0, x1, y0, y1):
    cv.text(x0 - 60, 16, "P50 LATENCY US (LOG) BY CONNECTIONS")
    vals = {}
    for t in targets:
        for c in connections:
            cell = stats.cell(rounds, t, c)
            if cell and cell["p50"]:
                vals[(t, c)] = cell["p50"][0]
    if not vals:
        return
    lo = 10 ** math.floor(math.log10(max(min(vals.values()), 1)))
    hi = 10 ** math.ceil(math.log10(max(vals.values()) * 1.01))

    def ypos(v):
        return y1 - (y1 - y0) * (math.log10(max(v, lo)) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))

    d = lo
    while d <= hi:
        cv.hline(x0, x1, ypos(d), GRID)
        label = f"{d:,.0f}".replace(",", " ")
        cv.text(x0 - 8 - cv.text_width(label), ypos(d) - 7, label, AXIS)
        d *= 10
    group = (x1 - x0) / len(connections)
    bw = group * 0.8 / max(len(targets), 1)
    for gi, c in enumerate(connections):
        gx = x0 + group * gi + group * 0.1
        for ti, t in enumerate(targets):
            v = vals.get((t, c))
            if v is not None:
                cv.rect(gx + bw * ti + 1, ypos(v), gx + bw * (ti + 1) - 1, y1, COLORS.get(t, AXIS))
        label = f"{c} CONN" + ("S" if c > 1 else "")
        cv.text(gx + group * 0.4 - cv.text_width(label) / 2, y1 + 10, label, AXIS)
    cv.vline(x0, y0, y1, AXIS)
    cv.hline(x0, x1, y1, AXIS)
