# Python semantics the tutor relies on: numbers, strings, containers, functions, comprehensions.
print(7 // 2, -7 // 2, 7 % -3, -7 % 3, 2 ** 10, 2 ** -1, 10 / 4, 1e16, 1e-5, 0.1 + 0.2)
print(round(2.675, 2), round(0.5), round(1.5), int(-3.9), float("1e-3"), abs(-2))
print(f"{3.14159:.3f} {42:5d}|{'ab':>4}|{0.5:.1%}|{1234567:,}|{1e-7:.2e}|{2.0:g}|{0.1:.3}")
name = "loss"
print(f"{name=}", f"{name!r}", repr("it's"), str([1, "a", (2,)]))
a, *rest = [1, 2, 3, 4]
print(a, rest, [x * y for x in range(3) for y in range(2) if x != y], {k: k * k for k in range(3)})
def scale(values, factor=2, *, shift=0):
    return [v * factor + shift for v in values]
print(scale([1, 2]), scale([1], factor=3, shift=1), sorted([3, 1, 2], reverse=True), sorted(["b", "a"]))
def counter():
    count = 0
    def step():
        nonlocal count
        count += 1
        return count
    return step
c = counter()
c()
print(c(), list(zip("ab", [1, 2])), list(enumerate("xy", start=1)), max([3, 7, 5]), min(4, 2))
total = 0
for i in range(10):
    if i % 2:
        continue
    if i > 6:
        break
    total += i
else:
    total = -1
print(total, 1 < 2 < 3, 1 < 3 < 2, not None, None is None, [] or "empty", "a" in "cat")
print(isinstance(3, int), isinstance(3.0, float), isinstance(True, int), type(2.0), len({"a": 1}), (lambda q: q + 1)(1))
print("-".join(["a", "b"]), " x ".strip(), "a,b".split(","), "{} and {}".format(1, 2), "%d" if False else "ok")
