package testgen

// The generator carries its own small random source instead of math/rand so
// that a seed gives the same rows under every Go release: math/rand/v2 does
// not promise that its bounded helpers keep their algorithm.

// rng is a SplitMix64 stream. Its zero value is usable.
type rng struct{ state uint64 }

// newRNG returns the stream for one row: every row draws from its own stream,
// so a row's content depends only on the seed and its index.
func newRNG(seed uint64, index uint64) *rng {
	return &rng{state: mix(seed ^ mix(index+0x632be59bd9b4e019))}
}

// mix is the SplitMix64 finalizer, a cheap 64-bit hash.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	return mix(r.state)
}

// intn returns a number in [0, n). The modulo bias is below 2^-40 for the
// small n used here.
func (r *rng) intn(n int) int {
	return int(r.next() % uint64(n))
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int {
	return lo + r.intn(hi-lo+1)
}

// percent reports true in p of 100 draws.
func (r *rng) percent(p int) bool {
	return r.intn(100) < p
}

// digits appends n random decimal digits to b.
func (r *rng) digits(b []byte, n int) []byte {
	for range n {
		b = append(b, byte('0'+r.intn(10)))
	}
	return b
}

// choice is one value of a weighted pick.
type choice struct {
	text   string // as written in the file
	value  string // what it means (a language code, for example)
	weight int
}

// pick draws one of cs in proportion to the weights.
func (r *rng) pick(cs []choice) choice {
	total := 0
	for _, c := range cs {
		total += c.weight
	}
	n := r.intn(total)
	for _, c := range cs {
		if n < c.weight {
			return c
		}
		n -= c.weight
	}
	return cs[len(cs)-1]
}

// permutation is a keyed bijection on [0, size): a four-round Feistel network
// on the smallest even number of bits that covers size, with cycle walking for
// the values that land outside. Rows draw their (name, birth date) slot
// through it, so no two rows share one and the order looks random.
type permutation struct {
	size uint64
	half uint // bits in each Feistel half
	keys [4]uint64
}

func newPermutation(size, seed uint64) permutation {
	p := permutation{size: size, half: 1}
	for uint64(1)<<(2*p.half) < size {
		p.half++
	}
	for i := range p.keys {
		p.keys[i] = mix(seed + uint64(i)*0x9e3779b97f4a7c15)
	}
	return p
}

// at returns the image of x, which must be below size.
func (p permutation) at(x uint64) uint64 {
	for {
		x = p.round(x)
		if x < p.size {
			return x
		}
	}
}

func (p permutation) round(x uint64) uint64 {
	mask := uint64(1)<<p.half - 1
	left, right := x>>p.half, x&mask
	for _, k := range p.keys {
		left, right = right, left^(mix(right^k)&mask)
	}
	return left<<p.half | right
}
