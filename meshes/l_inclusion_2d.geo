// l_inclusion_2d.geo -- MesoCell test mesh for adaptive refinement: unit
// square [0,1]x[0,1] with an L-shaped inclusion (phase "conductor") in a
// matrix (phase "matrix"). The L is the bar x in [0.2,0.45], y in [0.3,0.85]
// and the foot x in [0.45,0.75], y in [0.3,0.5]: one re-entrant corner at
// (0.45,0.5) and five convex ones, where the potential is singular when the
// conductivities differ. No symmetry. Structured transfinite quadrilaterals
// (order 1) on the 4x4 blocks of the grid lines below, about 0.1 wide.
// Regenerate with:
//   gmsh l_inclusion_2d.geo -2 -format msh41 -o l_inclusion_2d.msh
Mesh.Binary = 0;
Mesh.MshFileVersion = 4.1;
Mesh.ElementOrder = 1;

xs[] = {0, 0.2, 0.45, 0.75, 1};
ys[] = {0, 0.3, 0.5, 0.85, 1};
nx[] = {2, 3, 3, 3};   // element divisions of the x intervals
ny[] = {3, 2, 4, 2};   // and of the y intervals

// Point (i,j) at (xs[i], ys[j]): tag 1 + i + 5 j.
For j In {0:4}
  For i In {0:4}
    Point(1 + i + 5*j) = {xs[i], ys[j], 0};
  EndFor
EndFor
// Horizontal line from (i,j) to (i+1,j): tag 100 + i + 4 j.
For j In {0:4}
  For i In {0:3}
    Line(100 + i + 4*j) = {1 + i + 5*j, 2 + i + 5*j};
    Transfinite Curve{100 + i + 4*j} = nx[i] + 1;
  EndFor
EndFor
// Vertical line from (i,j) to (i,j+1): tag 200 + i + 5 j.
For j In {0:3}
  For i In {0:4}
    Line(200 + i + 5*j) = {1 + i + 5*j, 1 + i + 5*(j+1)};
    Transfinite Curve{200 + i + 5*j} = ny[j] + 1;
  EndFor
EndFor
// Block (i,j) between the lines: tag 300 + i + 4 j.
For j In {0:3}
  For i In {0:3}
    Curve Loop(300 + i + 4*j) = {100 + i + 4*j, 200 + i + 1 + 5*j,
                                 -(100 + i + 4*(j+1)), -(200 + i + 5*j)};
    Plane Surface(300 + i + 4*j) = {300 + i + 4*j};
    Transfinite Surface{300 + i + 4*j};
    Recombine Surface{300 + i + 4*j};
  EndFor
EndFor

Physical Surface("matrix", 1) = {300, 301, 302, 303, 304, 307, 308, 310, 311,
                                 312, 313, 314, 315};
Physical Surface("conductor", 2) = {305, 306, 309};
Physical Curve("xmin", 3) = {200, 205, 210, 215};
Physical Curve("xmax", 4) = {204, 209, 214, 219};
Physical Curve("ymin", 5) = {100, 101, 102, 103};
Physical Curve("ymax", 6) = {116, 117, 118, 119};
