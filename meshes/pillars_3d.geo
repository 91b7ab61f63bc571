// pillars_3d.geo -- MesoCell composite cathode unit cell (micrometres):
// box x,y in [0,20], z in [0,40] with four vertical cylindrical pillars
// (radius 3.5, centres (5,5),(15,5),(5,15),(15,15)) from z=0 to z=30; the top
// 10 um (z in [30,40]) is pure matrix next to the separator.
// Phases (3D): "pillar" (tag 1, the four cylinders), "matrix" (tag 2, the rest).
// Boundaries (2D): "collector" (3, z=0, pillar + matrix parts), "separator" (4, z=40),
// "xmin" (5), "xmax" (6), "ymin" (7), "ymax" (8).
// Mesh: structured, all-hex, order 1. The cross-section is built from
// transfinite quad blocks (per pillar an O-grid: inner square + 4 ring blocks
// inside the circle, 4 blocks between circle and the 10x10 cell around it; the
// four cells share their edge curves, so the blocks are conforming by construction
// and no BooleanFragments is needed), then extruded in z
// with Layers (nz1 layers for z in [0,30], nz2 for z in [30,40]).
// Resolution: nq cells per quarter circle, nr1/nr2 radial cells inside/outside
// the circle; coarse default gives 3520 hexes, -setnumber fine 1 gives 18720.
// (An unstructured tets->hexes version of the same geometry is pillars_3d_tet.geo.)
// Regenerate with:
//   gmsh pillars_3d.geo -3 -format msh41 -o pillars_3d.msh
//   gmsh pillars_3d.geo -3 -format msh41 -setnumber fine 1 -o pillars_3d_fine.msh
SetFactory("OpenCASCADE");
Mesh.Binary = 0;
Mesh.MshFileVersion = 4.1;
Mesh.ElementOrder = 1;

DefineConstant[ fine = 0 ];   // 0: coarse (3520 hexes), 1: fine (18720 hexes)
If (fine)
  DefineConstant[ nq = 6, nr1 = 3, nr2 = 3, nz1 = 20, nz2 = 6 ];
Else
  DefineConstant[ nq = 4, nr1 = 2, nr2 = 2, nz1 = 8, nz2 = 3 ];
EndIf
// (each of nq, nr1, nr2, nz1, nz2 can also be overridden with -setnumber)
// hexes = 4 * (nq^2 + 4*nq*(nr1 + nr2)) * (nz1 + nz2)

L = 20; H = 40; Hp = 30; r = 3.5;
h = 5;            // half-width of the cell around each pillar
a = 0.5 * r;      // half-width of the inner square of the O-grid
s = r / Sqrt(2);  // circle points at 45 degrees

// 3x3 grid of outer corner points, tag 1 + 3*j + i
For j In {0:2}
  For i In {0:2}
    Point(1 + 3*j + i) = {10*i, 10*j, 0};
  EndFor
EndFor
// horizontal lines (i,j)->(i+1,j): tag 20 + 2*j + i ; vertical (i,j)->(i,j+1): tag 40 + 3*j + i
For j In {0:2}
  For i In {0:1}
    Line(20 + 2*j + i) = {1 + 3*j + i, 1 + 3*j + i + 1};
  EndFor
EndFor
For j In {0:1}
  For i In {0:2}
    Line(40 + 3*j + i) = {1 + 3*j + i, 1 + 3*(j+1) + i};
  EndFor
EndFor
Transfinite Curve{20:25, 40:45} = nq + 1;

sx[] = {-1, 1, 1, -1};
sy[] = {-1, -1, 1, 1};
allS[] = {};
For cj In {0:1}
  For ci In {0:1}
    b = 100 * (1 + 2*cj + ci);
    cx = 5 + 10*ci; cy = 5 + 10*cj;
    Point(b) = {cx, cy, 0};
    For k In {0:3}
      Point(b + 1 + k) = {cx + sx[k]*a, cy + sy[k]*a, 0};   // inner square
      Point(b + 5 + k) = {cx + sx[k]*s, cy + sy[k]*s, 0};   // on the circle
    EndFor
    // outer corners of this cell (grid tags)
    o[] = {1 + 3*cj + ci, 1 + 3*cj + ci + 1, 1 + 3*(cj+1) + ci + 1, 1 + 3*(cj+1) + ci};
    // outer edges as oriented CCW curves: bottom, right, top, left
    oe[] = {20 + 2*cj + ci, 40 + 3*cj + ci + 1, -(20 + 2*(cj+1) + ci), -(40 + 3*cj + ci)};
    For k In {0:3}
      k2 = (k + 1) % 4;
      Line(b + 10 + k) = {b + 1 + k, b + 1 + k2};      // inner square edge k -> k2
      Circle(b + 20 + k) = {b + 5 + k, b, b + 5 + k2};  // arc k -> k2
      Line(b + 30 + k) = {b + 1 + k, b + 5 + k};       // inner corner -> circle
      Line(b + 40 + k) = {b + 5 + k, o[k]};            // circle -> outer corner
    EndFor
    Transfinite Curve{b+10:b+13, b+20:b+23} = nq + 1;
    Transfinite Curve{b+30:b+33} = nr1 + 1;
    Transfinite Curve{b+40:b+43} = nr2 + 1;
    Curve Loop(b + 1) = {b+10, b+11, b+12, b+13};
    Plane Surface(b + 1) = {b + 1};
    allS[] += b + 1;
    For k In {0:3}
      k2 = (k + 1) % 4;
      Curve Loop(b + 2 + k) = {b+30+k, b+20+k, -(b+30+k2), -(b+10+k)};
      Plane Surface(b + 2 + k) = {b + 2 + k};
      Curve Loop(b + 6 + k) = {b+40+k, oe[k], -(b+40+k2), -(b+20+k)};
      Plane Surface(b + 6 + k) = {b + 6 + k};
      allS[] += {b + 2 + k, b + 6 + k};
    EndFor
  EndFor
EndFor
Transfinite Surface{allS[]};
Recombine Surface{allS[]};

eps = 1e-3 * H;
Extrude{0, 0, Hp}{ Surface{allS[]}; Layers{nz1}; Recombine; }
top[] = Surface In BoundingBox{-eps, -eps, Hp - eps, L + eps, L + eps, Hp + eps};
Extrude{0, 0, H - Hp}{ Surface{top[]}; Layers{nz2}; Recombine; }

vpil[] = {};
For cj In {0:1}
  For ci In {0:1}
    cx = 5 + 10*ci; cy = 5 + 10*cj;
    vpil[] += Volume In BoundingBox{cx - r - eps, cy - r - eps, -eps, cx + r + eps, cy + r + eps, Hp + eps};
  EndFor
EndFor
vmat[] = Volume{:};
vmat[] -= vpil[];

Physical Volume("pillar", 1) = {vpil[]};
Physical Volume("matrix", 2) = {vmat[]};
Physical Surface("collector", 3) = Surface In BoundingBox{-eps, -eps, -eps, L + eps, L + eps, eps};
Physical Surface("separator", 4) = Surface In BoundingBox{-eps, -eps, H - eps, L + eps, L + eps, H + eps};
Physical Surface("xmin", 5) = Surface In BoundingBox{-eps, -eps, -eps, eps, L + eps, H + eps};
Physical Surface("xmax", 6) = Surface In BoundingBox{L - eps, -eps, -eps, L + eps, L + eps, H + eps};
Physical Surface("ymin", 7) = Surface In BoundingBox{-eps, -eps, -eps, L + eps, eps, H + eps};
Physical Surface("ymax", 8) = Surface In BoundingBox{-eps, L - eps, -eps, L + eps, L + eps, H + eps};
