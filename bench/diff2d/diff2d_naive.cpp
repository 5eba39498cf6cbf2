// The lecture's diff2d algorithm in C++ as a course would write it: the parameter file is
// #included (the lecture's trick), vectors of vectors, a separate Laplacian array.
// Built by the benchmark with: g++ -O3 [-march=native] -DPARAMS='"file.py"' diff2d_naive.cpp
#include <cmath>
#include <cstdio>
#include <iostream>
#include <vector>

int main() {
  const bool True = true, False = false;
  double D, x1, x2, runtime, dx, outtime;
  bool graphics;
#include PARAMS
  (void)graphics;
  (void)True;
  (void)False;
  const int nrows = int((x2 - x1) / dx);
  const int ncols = nrows;
  const int npnts = nrows + 2;
  dx = (x2 - x1) / nrows;
  const double dt = 0.25 * pow(dx, 2) / D;
  const int nsteps = int(runtime / dt);
  int nper = int(outtime / dt);
  if (nper == 0) nper = 1;
  std::vector<double> x(npnts);
  for (int i = 0; i < npnts; i++) x[i] = x1 + ((i - 1) * (x2 - x1)) / nrows;
  std::vector<std::vector<double>> dens(npnts, std::vector<double>(npnts, 0.0));
  std::vector<std::vector<double>> densnext(npnts, std::vector<double>(npnts, 0.0));
  std::vector<std::vector<double>> lapl(npnts, std::vector<double>(npnts, 0.0));
  double simtime = 0 * dt;
  for (int i = 1; i < npnts - 1; i++) {
    const double a = 1 - fabs(1 - 4 * fabs((x[i] - (x1 + x2) / 2) / (x2 - x1)));
    for (int j = 1; j < npnts - 1; j++) {
      const double b = 1 - fabs(1 - 4 * fabs((x[j] - (x1 + x2) / 2) / (x2 - x1)));
      dens[i][j] = a * b;
    }
  }
  std::printf("%.17g\n", simtime);
  for (int s = 0; s < nsteps; s++) {
    for (int i = 1; i <= nrows; i++)
      for (int j = 1; j <= ncols; j++)
        lapl[i][j] = dens[i + 1][j] + dens[i - 1][j] + dens[i][j + 1] + dens[i][j - 1] - 4 * dens[i][j];
    for (int i = 1; i <= nrows; i++)
      for (int j = 1; j <= ncols; j++) densnext[i][j] = dens[i][j] + (D / pow(dx, 2)) * dt * lapl[i][j];
    std::swap(dens, densnext);
    simtime += dt;
    if ((s + 1) % nper == 0) std::printf("%.17g\n", simtime);
  }
  // A checksum, so the work cannot be optimised away and the results can be compared.
  double sum = 0;
  for (int i = 0; i < npnts; i++)
    for (int j = 0; j < npnts; j++) sum += dens[i][j];
  std::fprintf(stderr, "checksum %.17g\n", sum);
}
