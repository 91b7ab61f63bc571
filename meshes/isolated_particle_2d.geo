// isolated_particle_2d.geo -- a 2D half cell (micrometres, Length unit 1e-6)
// with one active particle that no electron conductor connects to the
// collector: the error test of electronically isolated active regions.
// Phases (2D): "active" (tag 1: a layer on the collector, y < 4, and a disk
// of radius 3 at (10, 13) inside the polymer), "polymer" (tag 2, the rest).
// Boundaries (1D): "collector" (3, y = 0), "anode" (4, y = 20).
// Quadrilaterals: triangles recombined (Blossom) and subdivided.
// Regenerate with:
//   gmsh isolated_particle_2d.geo -2 -format msh41 -o isolated_particle_2d.msh
SetFactory("OpenCASCADE");
Mesh.Binary = 0;
Mesh.MshFileVersion = 4.1;
Mesh.ElementOrder = 1;

L = 20;
Rectangle(1) = {0, 0, 0, L, L};
Rectangle(2) = {0, 0, 0, L, 4};
Disk(3) = {10, 13, 0, 3};
BooleanFragments{ Surface{1}; Delete; }{ Surface{2, 3}; Delete; }

eps = 1e-3 * L;
layer[] = Surface In BoundingBox{-eps, -eps, -eps, L + eps, 4 + eps, eps};
disk[] = Surface In BoundingBox{7 - eps, 10 - eps, -eps, 13 + eps, 16 + eps, eps};
all[] = Surface{:};
rest[] = all[];
rest[] -= layer[];
rest[] -= disk[];

Mesh.MeshSizeMax = 1.5;
Mesh.MeshSizeFromCurvature = 0;
Mesh.Algorithm = 6;
Mesh.RecombineAll = 1;
Mesh.RecombinationAlgorithm = 3;
Mesh.SubdivisionAlgorithm = 1;

Physical Surface("active", 1) = {layer[], disk[]};
Physical Surface("polymer", 2) = {rest[]};
Physical Curve("collector", 3) = Curve In BoundingBox{-eps, -eps, -eps, L + eps, eps, eps};
Physical Curve("anode", 4) = Curve In BoundingBox{-eps, L - eps, -eps, L + eps, L + eps, eps};
