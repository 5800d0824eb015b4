// report.cpp — a C++ TU (virtual calls) for the CMake and meson projects.
#include <cstdio>
#include <memory>
#include <vector>

extern "C" int calc_report(int n);

namespace {
struct Shape {
    virtual ~Shape() = default;
    virtual long area() const = 0;
};
struct Square : Shape {
    long s;
    explicit Square(long s_) : s(s_) {}
    long area() const override { return s * s; }
};
struct Rect : Shape {
    long w, h;
    Rect(long w_, long h_) : w(w_), h(h_) {}
    long area() const override { return w * h; }
};
} // namespace

extern "C" int calc_report(int n)
{
    std::vector<std::unique_ptr<Shape>> shapes;
    for (int i = 1; i <= n; i++) {
        if (i % 2)
            shapes.push_back(std::make_unique<Square>(i));
        else
            shapes.push_back(std::make_unique<Rect>(i, i + 1));
    }
    long total = 0;
    for (const auto &s : shapes)
        total += s->area();
    std::printf("report: %d shapes, total area %ld\n", n, total);
    return 0;
}
