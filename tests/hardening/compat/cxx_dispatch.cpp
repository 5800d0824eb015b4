// Virtual dispatch, member-function pointers and exceptions thrown
// through frames that have shadow-stack entries.
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

struct Shape {
    virtual ~Shape() {}
    virtual double area() const = 0;
    virtual const char *name() const { return "shape"; }
};
struct Sq : Shape {
    double s;
    explicit Sq(double v) : s(v) {}
    double area() const override { return s * s; }
    const char *name() const override { return "square"; }
};
struct Rect : Shape {
    double w, h;
    Rect(double a, double b) : w(a), h(b) {}
    double area() const override { return w * h; }
};

struct Counter {
    int n = 0;
    void inc() { n++; }
    void add(int k) { n += k; }
};

static int thrower(int depth)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "depth %d", depth);
    if (depth == 0)
        throw std::runtime_error(buf);
    return thrower(depth - 1) + buf[0];
}

int main()
{
    std::vector<std::unique_ptr<Shape>> v;
    for (int i = 1; i <= 5; i++) {
        v.emplace_back(new Sq(i));
        v.emplace_back(new Rect(i, i + 1));
    }
    double total = 0;
    for (auto &s : v)
        total += s->area();
    std::printf("total %.1f first %s second %s\n", total, v[0]->name(), v[1]->name());
    Counter c;
    void (Counter::*pm)() = &Counter::inc;
    void (Counter::*pa)(int) = &Counter::add;
    for (int i = 0; i < 10; i++) {
        (c.*pm)();
        (c.*pa)(i);
    }
    std::printf("counter %d\n", c.n);
    for (int i = 0; i < 20; i++) {
        try {
            thrower(i % 7);
        } catch (const std::exception &e) {
            if (i % 5 == 0)
                std::printf("caught: %s\n", e.what());
        }
    }
    try { thrower(2); } catch (...) { std::printf("last catch\n"); }
    return 0;
}
