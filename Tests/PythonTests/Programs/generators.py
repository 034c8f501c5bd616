def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"

print(list(count(4)), sum(count(5)))
g = count(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration:
    print("stop")

def batches(data, size):
    for start in range(0, len(data), size):
        yield data[start:start + size]

for batch in batches(list(range(7)), 3):
    print(batch)

def echo():
    received = yield "ready"
    while True:
        received = yield f"got {received}"

e = echo()
print(next(e), e.send(1), e.send("x"))

def tidy():
    try:
        yield 1
        yield 2
    finally:
        print("tidy finally")

t = tidy()
print(next(t))
t.close()
print("closed")

def chain(*its):
    for it in its:
        yield from it

print(list(chain([1, 2], (3,), count(2))))

class Dataset:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        for i in range(self.n):
            yield i, i * i
    def __len__(self):
        return self.n

print(list(Dataset(3)), dict(Dataset(3)))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
