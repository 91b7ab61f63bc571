// Subsection Image: a labelled voxel image (NumPy .npy) as the mesh source;
// the .npy reader (format 1.0/2.0/3.0, integer dtypes) and the mapping of
// labels to phases.
#include <deal.II/base/utilities.h>

#include <mesocell/core/errors.h>
#include <mesocell/geometry/image.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace MesoCell
{
  using namespace dealii;

  void
  ImageParameters::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Image");
    prm.declare_entry(
        "Image file",
        "",
        Patterns::FileName(),
        "Labelled voxel image as the mesh source (instead of a Mesh file or a "
        "Generator): a NumPy .npy array of integer labels (bool, int8..int64, "
        "uint8..uint64) of shape (nz, ny, nx) in 3D or (ny, nx) in 2D, x the "
        "fastest index in C order. A relative path is taken relative to the "
        "directory of the parameter file; empty: no image.");
    prm.declare_entry("Voxel size",
                      "1e-6",
                      Patterns::Double(0.0),
                      "Edge length of one (cubic) voxel [m], > 0.");
    prm.declare_entry(
        "Labels",
        "",
        Patterns::Map(Patterns::Integer(),
                      Patterns::Anything(),
                      0,
                      Patterns::Map::max_int_value,
                      ",",
                      ":"),
        "Phase name of every label of the image as 'label: name' pairs, e.g. "
        "'0: matrix, 1: pillar'; several labels may share a name. Every label "
        "that occurs in the image must be listed [-].");
    prm.declare_entry("Block size",
                      "0",
                      Patterns::Integer(0, 1024),
                      "Edge of the coarse mesh blocks in voxels [-]: a power of "
                      "two dividing every image dimension; blocks holding more "
                      "than one phase are refined down to the voxels. 0: the "
                      "largest such power of two up to 16.");
    prm.leave_subsection();
  }

  namespace
  {
    std::string
    image_message(const std::string &prm_file,
                  const std::string &entry,
                  const std::string &problem,
                  const std::string &allowed)
    {
      return entry_message(prm_file, "Image", entry, problem, allowed);
    }

    std::map<std::int64_t, std::string>
    parse_labels(const std::string &text, const std::string &prm_file)
    {
      std::map<std::int64_t, std::string> labels;
      for (const std::string &pair : Utilities::split_string_list(text, ','))
        {
          const auto parts = Utilities::split_string_list(pair, ':');
          if (parts.size() != 2 || parts[1].empty())
            throw InputError(image_message(prm_file,
                                           "Labels",
                                           "'" + pair + "' is not 'label: name'",
                                           "pairs 'label: phase name'"));
          const std::int64_t label = std::stoll(parts[0]);
          if (labels.count(label))
            throw InputError(image_message(prm_file,
                                           "Labels",
                                           "label " + parts[0] + " is given twice",
                                           "one phase name per label"));
          labels[label] = parts[1];
        }
      return labels;
    }
  } // namespace

  void
  ImageParameters::parse_parameters(ParameterHandler &prm, const std::string &prm_file_)
  {
    prm_file = prm_file_;
    prm.enter_subsection("Image");
    file_entry = prm.get("Image file");
    voxel_size = prm.get_double("Voxel size");
    labels     = parse_labels(prm.get("Labels"), prm_file);
    block_size = prm.get_integer("Block size");
    prm.leave_subsection();

    std::filesystem::path path(file_entry);
    if (path.is_relative())
      path = std::filesystem::path(prm_file).parent_path() / path;
    file = path.lexically_normal().string();
    if (!(voxel_size > 0.0))
      throw InputError(
          image_message(prm_file,
                        "Voxel size",
                        "must be positive, got " + std::to_string(voxel_size),
                        "a length in metres > 0"));
    if (block_size != 0 && (block_size & (block_size - 1)) != 0)
      throw InputError(
          image_message(prm_file,
                        "Block size",
                        std::to_string(block_size) + " is not a power of two",
                        "0 (automatic) or 1, 2, 4, 8, 16, ..."));
    if (enabled() && labels.empty())
      throw InputError(image_message(prm_file,
                                     "Labels",
                                     "no label given for the image '" + file + "'",
                                     "'label: phase name' pairs, e.g. '0: matrix, "
                                     "1: pillar'"));
  }

  namespace
  {
    /// 'key': value of the .npy header dictionary (the text after the colon).
    std::string
    header_value(const std::string &header, const std::string &key)
    {
      const auto k = header.find("'" + key + "'");
      if (k == std::string::npos)
        return "";
      const auto colon = header.find(':', k);
      if (colon == std::string::npos)
        return "";
      std::size_t begin = colon + 1;
      while (begin < header.size() && header[begin] == ' ')
        ++begin;
      std::size_t end = begin;
      if (begin < header.size() && header[begin] == '(')
        end = header.find(')', begin) + 1;
      else if (begin < header.size() && header[begin] == '\'')
        end = header.find('\'', begin + 1) + 1;
      else
        end = header.find_first_of(",}", begin);
      return end == std::string::npos || end == 0 ? ""
                                                  : header.substr(begin, end - begin);
    }

    /// Parse "(3, 4, 5)" or "(7,)"; false on a malformed tuple.
    bool
    parse_shape(const std::string &text, std::vector<std::size_t> &shape)
    {
      if (text.size() < 2 || text.front() != '(' || text.back() != ')')
        return false;
      shape.clear();
      for (const auto &s :
           Utilities::split_string_list(text.substr(1, text.size() - 2), ','))
        {
          if (s.empty())
            continue;
          if (s.find_first_not_of("0123456789") != std::string::npos)
            return false;
          shape.push_back(std::stoull(s));
        }
      return true;
    }

    /// Decode one little-endian integer of @p bytes bytes.
    std::int64_t
    decode(const unsigned char *p, const unsigned int bytes, const bool is_signed)
    {
      std::uint64_t u = 0;
      for (unsigned int b = 0; b < bytes; ++b)
        u |= std::uint64_t(p[b]) << (8 * b);
      if (is_signed && bytes < 8 && (u >> (8 * bytes - 1)) != 0)
        u |= ~std::uint64_t(0) << (8 * bytes); // sign extension
      return static_cast<std::int64_t>(u);
    }

    /// Reorder Fortran-order values into C order of @p shape.
    std::vector<std::int64_t>
    fortran_to_c(const std::vector<std::int64_t> &f,
                 const std::vector<std::size_t>  &shape)
    {
      std::vector<std::int64_t> c(f.size());
      std::vector<std::size_t>  idx(shape.size(), 0);
      for (std::size_t n = 0; n < f.size(); ++n) // n runs in Fortran order
        {
          std::size_t flat = 0;
          for (std::size_t d = 0; d < shape.size(); ++d)
            flat = flat * shape[d] + idx[d];
          c[flat] = f[n];
          for (std::size_t d = 0; d < shape.size(); ++d)
            if (++idx[d] < shape[d])
              break;
            else
              idx[d] = 0;
        }
      return c;
    }
  } // namespace

  NpyArray
  read_npy(const std::string &file, const std::string &where)
  {
    const auto bad = [&](const std::string &problem, const std::string &allowed) {
      return InputError(where + "'" + file + "' " + problem + ". Allowed: " + allowed +
                        ".");
    };
    const std::string npy = "a NumPy .npy file (numpy.save) of integer labels";
    if (!std::filesystem::is_regular_file(file))
      throw bad("does not exist", npy + ", relative to the parameter file");
    std::ifstream in(file, std::ios::binary);
    char          magic[8] = {};
    in.read(magic, 8);
    if (!in || std::memcmp(magic, "\x93NUMPY", 6) != 0)
      throw bad("is not a .npy file (no \\x93NUMPY magic string)", npy);
    const int major = static_cast<unsigned char>(magic[6]);
    if (major < 1 || major > 3)
      throw bad(".npy format version " + std::to_string(major) + " is unknown",
                "format versions 1.0, 2.0 and 3.0");
    unsigned char len[4] = {};
    in.read(reinterpret_cast<char *>(len), major == 1 ? 2 : 4);
    const std::size_t header_length = decode(len, major == 1 ? 2 : 4, false);
    std::string       header(header_length, ' ');
    in.read(header.data(), header_length);
    if (!in)
      throw bad("has a truncated header", npy);

    NpyArray          a;
    const std::string descr = header_value(header, "descr");
    const std::string order = header_value(header, "fortran_order");
    if (!parse_shape(header_value(header, "shape"), a.shape) ||
        (order != "True" && order != "False") || descr.size() < 4)
      throw bad("has a malformed header '" + header + "'", npy);
    const std::string dtype    = descr.substr(1, descr.size() - 2); // no quotes
    const char        endian   = dtype[0];
    const char        kind     = dtype[1];
    const unsigned    bytes    = std::atoi(dtype.c_str() + 2);
    const bool        integral = (kind == 'i' || kind == 'u' || kind == 'b') &&
                          (bytes == 1 || bytes == 2 || bytes == 4 || bytes == 8);
    if (!integral || (endian == '>' && bytes > 1))
      throw bad("has dtype '" + dtype + "'",
                "integer labels: bool, int8, int16, int32, int64, uint8, uint16, "
                "uint32, uint64, little-endian ('<i4', '|u1', ...)");
    std::size_t count = 1;
    for (const auto s : a.shape)
      count *= s;
    std::vector<unsigned char> raw(count * bytes);
    in.read(reinterpret_cast<char *>(raw.data()), raw.size());
    if (std::size_t(in.gcount()) != raw.size())
      throw bad("is truncated: the header promises " + std::to_string(raw.size()) +
                    " bytes of data, the file holds " + std::to_string(in.gcount()),
                "a complete .npy file");
    a.values.resize(count);
    for (std::size_t n = 0; n < count; ++n)
      a.values[n] = decode(raw.data() + n * bytes, bytes, kind == 'i');
    if (order == "True")
      a.values = fortran_to_c(a.values, a.shape);
    return a;
  }

  namespace
  {
    std::string
    shape_text(const std::vector<std::size_t> &shape)
    {
      std::string s = "(";
      for (std::size_t d = 0; d < shape.size(); ++d)
        s += (d ? ", " : "") + std::to_string(shape[d]);
      return s + (shape.size() == 1 ? ",)" : ")");
    }

    /// Labels to phase indices; an error lists labels without a name.
    void
    map_labels(const NpyArray &a, const ImageParameters &p, VoxelImage &image)
    {
      std::map<std::int64_t, std::uint16_t> index;
      for (const auto &[label, name] : p.labels)
        {
          auto it = std::find(image.phase_names.begin(), image.phase_names.end(), name);
          index[label] = it - image.phase_names.begin();
          if (it == image.phase_names.end())
            image.phase_names.push_back(name);
        }
      std::set<std::int64_t> missing;
      image.phase.resize(a.values.size());
      std::int64_t  last_label = 0;
      std::uint16_t last_phase = 0;
      bool          have_last  = false;
      for (std::size_t n = 0; n < a.values.size(); ++n)
        {
          if (!have_last || a.values[n] != last_label)
            {
              const auto it = index.find(a.values[n]);
              if (it == index.end())
                {
                  missing.insert(a.values[n]);
                  continue;
                }
              last_label = a.values[n];
              last_phase = it->second;
              have_last  = true;
            }
          image.phase[n] = last_phase;
        }
      if (!missing.empty())
        {
          std::string list, known;
          for (const auto l : missing)
            list += (list.empty() ? "" : ", ") + std::to_string(l);
          for (const auto &[label, name] : p.labels)
            known += (known.empty() ? "" : ", ") + std::to_string(label);
          throw InputError(
              image_message(p.prm_file,
                            "Labels",
                            "the image '" + p.file + "' contains label(s) " + list +
                                " without a phase name (named: " + known + ")",
                            "a 'label: phase name' pair for every label of the image"));
        }
    }
  } // namespace

  VoxelImage
  read_image(const ImageParameters &p, const unsigned int dim)
  {
    const std::string where = p.prm_file + ": subsection 'Image', entry 'Image file': ";
    const NpyArray    a     = read_npy(p.file, where);
    bool              empty = false;
    for (const auto s : a.shape)
      empty = empty || s == 0;
    if (a.shape.size() != dim || empty)
      throw InputError(
          where + "'" + p.file + "' holds an array of shape " + shape_text(a.shape) +
          ". Allowed: for Dimension = " + std::to_string(dim) + " a non-empty " +
          std::to_string(dim) + "-dimensional array of shape " +
          (dim == 3 ? "(nz, ny, nx)" : "(ny, nx)") + ".");
    VoxelImage image;
    image.dim        = dim;
    image.voxel_size = p.voxel_size;
    for (unsigned int d = 0; d < dim; ++d)
      image.n[d] = a.shape[dim - 1 - d]; // x is the last (fastest) index
    map_labels(a, p, image);
    return image;
  }
} // namespace MesoCell
